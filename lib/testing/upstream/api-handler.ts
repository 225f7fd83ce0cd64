import type { IncomingMessage, ServerResponse } from "node:http";
import { badRequest, checkAuth, type HttpError, MESSAGES } from "./errors";
import { locate } from "./marker";
import { playJson, playStream } from "./player";
import type { RecordedRequest, Recorder } from "./recorder";
import { validateChatRequest } from "./rules";
import { runScenario } from "./scenarios";
import { readBody, sendJson } from "./send-json";
import { type Delta, estimatePrompt, newEnvelope } from "./wire";

export type ApiConfig = {
  apiKey: string;
  models: string[];
  /** The models that take images in a user turn's content (PROTOCOL.md section 20); others answer 400. */
  visionModels: string[];
  chunkDelayMs: number;
  recorder: Recorder;
  onChunkSent?: ChunkSentHook | undefined;
};

/** `sentAt` is `performance.timeOrigin + performance.now()`: comparable across processes on one machine. */
export type ChunkSentHook = (request: RecordedRequest, delta: Delta, sentAt: number) => void;

/** The provider endpoints: chat completions (in the order DeepSeek checks things) and the model list. */
export function createApiHandler({
  apiKey,
  models,
  visionModels,
  chunkDelayMs,
  recorder,
  onChunkSent,
}: ApiConfig) {
  /** Failures so far per marker and conversation turn, for scenarios that fail N times then succeed. */
  const failures = new Map<string, number>();
  const active = new Set<AbortController>();

  function refuse(res: ServerResponse, entry: RecordedRequest, error: HttpError): void {
    entry.status = error.status;
    entry.error = error.body.error.message;
    sendJson(res, error.status, error.body, error.headers);
    entry.completedAt = Date.now();
    recorder.changed();
  }

  async function chat(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const raw = await readBody(req);
    let body: unknown = null;
    let parseError: string | null = raw === "" ? "EOF while parsing a value at line 1 column 0" : null;
    try {
      if (raw !== "") body = JSON.parse(raw);
    } catch (error) {
      parseError = (error as Error).message;
    }
    const authError = checkAuth(req.headers.authorization, apiKey);
    const entry = recorder.record(req.method ?? "", path, body, authError === null);
    if (authError) return refuse(res, entry, authError);
    if (parseError !== null) return refuse(res, entry, badRequest(MESSAGES.notJson(parseError)));
    const request = validateChatRequest(body, models, visionModels);
    if ("error" in request) return refuse(res, entry, badRequest(request.error));
    entry.thinking = request.thinking;
    entry.stream = request.stream;

    let outcome: ReturnType<typeof runScenario>;
    let failureKey = "";
    try {
      const position = locate(request.messages);
      const spec = position.spec ?? { name: "text", params: {}, raw: "" };
      entry.scenario = spec.name;
      entry.round = position.round;
      failureKey = `${spec.raw}\u0000${position.conversationKey}`;
      outcome = runScenario({
        spec,
        thinking: request.thinking,
        round: position.round,
        toolNames: request.toolNames,
        toolResults: position.toolResults,
        prompt: estimatePrompt(body, position.round),
        failuresSoFar: failures.get(failureKey) ?? 0,
        apiKey,
      });
    } catch (error) {
      return refuse(res, entry, badRequest(`Invalid scenario marker: ${(error as Error).message}`));
    }
    if ("error" in outcome) {
      failures.set(failureKey, (failures.get(failureKey) ?? 0) + 1);
      return refuse(res, entry, outcome.error);
    }

    const controller = new AbortController();
    active.add(controller);
    let onPurpose = false;
    res.on("close", () => {
      if (!onPurpose) entry.closedAt = Date.now();
      controller.abort();
      active.delete(controller);
      recorder.changed();
    });
    entry.status = 200;
    recorder.changed();
    const play = request.stream ? playStream : playJson;
    const result = await play(res, outcome.plan, newEnvelope(request.model, outcome.plan.fingerprint), {
      signal: controller.signal,
      delayMs: outcome.plan.delayMs ?? chunkDelayMs,
      closingOnPurpose: () => {
        onPurpose = true;
      },
      onChunkSent:
        onChunkSent && ((delta) => onChunkSent(entry, delta, performance.timeOrigin + performance.now())),
    });
    if (result === "completed") entry.completedAt = Date.now();
    recorder.changed();
  }

  function listModels(req: IncomingMessage, res: ServerResponse, path: string): void {
    const authError = checkAuth(req.headers.authorization, apiKey);
    const entry = recorder.record(req.method ?? "", path, null, authError === null);
    entry.scenario = "models";
    if (authError) {
      refuse(res, entry, authError);
      return;
    }
    entry.status = 200;
    sendJson(res, 200, {
      object: "list",
      data: models.map((id) => ({ id, object: "model", owned_by: "deepseek" })),
    });
    entry.completedAt = Date.now();
    recorder.changed();
  }

  return {
    chat,
    listModels,
    clearFailures: () => failures.clear(),
    /** Ends every stream in progress (their timers included), for a prompt close(). */
    abortAll: () => {
      for (const controller of active) controller.abort();
    },
  };
}
