import type { ServerResponse } from "node:http";
import type { Plan } from "./generate";
import { collect } from "./turn";
import {
  chunkJson,
  type Delta,
  type Envelope,
  SSE_DONE,
  SSE_KEEPALIVE,
  STREAM_HEADERS,
  sse,
  usageChunkJson,
} from "./wire";

/** How playing a plan ended: all sent, the client went away, or we cut the connection on purpose. */
export type PlayResult = "completed" | "aborted" | "reset";

export type PlayControl = {
  /** Aborts when the connection closes. */
  signal: AbortSignal;
  delayMs: number;
  /** Called just before we end or cut the connection ourselves, so that is not taken for a client disconnect. */
  closingOnPurpose(): void;
  /** Called as each chunk is written, for benchmarks that time what a relay adds after us. */
  onChunkSent?: ((delta: Delta) => void) | undefined;
};

/** Resolves true after `ms`, or false as soon as the signal aborts; never leaves a timer behind. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
}

/** Writes one piece and waits until it is handed to the socket, so each chunk leaves separately. */
function write(res: ServerResponse, data: string, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted || res.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => resolve(false);
    signal.addEventListener("abort", onAbort, { once: true });
    res.write(data, (error) => {
      signal.removeEventListener("abort", onAbort);
      resolve(!error && !signal.aborted);
    });
  });
}

async function resetConnection(res: ServerResponse, control: PlayControl): Promise<void> {
  // Let the client read what was sent, then RST like a dropped connection (ECONNRESET on its side).
  await new Promise((resolve) => setTimeout(resolve, 20));
  control.closingOnPurpose();
  const socket = res.socket;
  if (socket && typeof socket.resetAndDestroy === "function") socket.resetAndDestroy();
  else socket?.destroy();
}

export async function playStream(
  res: ServerResponse,
  plan: Plan,
  env: Envelope,
  control: PlayControl,
): Promise<PlayResult> {
  const { signal, delayMs } = control;
  res.writeHead(200, STREAM_HEADERS);
  res.flushHeaders();
  let sentChunk = false;
  for (const step of plan.steps) {
    if (step.kind === "wait") {
      if (!(await sleep(step.ms, signal))) return "aborted";
      continue;
    }
    if (step.kind === "stall") {
      await untilAborted(signal);
      return "aborted";
    }
    if (step.kind === "reset") {
      await resetConnection(res, control);
      return "reset";
    }
    if (step.kind === "keepalive") {
      if (!(await write(res, SSE_KEEPALIVE, signal))) return "aborted";
      continue;
    }
    const paced = sentChunk && delayMs > 0 ? await sleep(delayMs, signal) : true;
    if (!paced) return "aborted";
    const json =
      step.kind === "usage"
        ? usageChunkJson(env, step.usage)
        : chunkJson(env, step.delta, step.finishReason, step.usage);
    if (step.kind === "chunk") control.onChunkSent?.(step.delta);
    if (!(await write(res, sse(json), signal))) return "aborted";
    sentChunk = true;
    // Give the event loop a turn so a client in the same process sees chunks one by one.
    if (delayMs === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  if (!(await write(res, SSE_DONE, signal))) return "aborted";
  control.closingOnPurpose();
  res.end();
  return "completed";
}

/** `stream: false`: the same plan collapsed into one `chat.completion` object. */
export async function playJson(
  res: ServerResponse,
  plan: Plan,
  env: Envelope,
  control: PlayControl,
): Promise<PlayResult> {
  const { signal, delayMs } = control;
  for (const step of plan.steps) {
    if (step.kind === "wait" && !(await sleep(step.ms, signal))) return "aborted";
    if (step.kind === "stall") {
      await untilAborted(signal);
      return "aborted";
    }
    if (step.kind === "reset") {
      control.closingOnPurpose();
      res.socket?.destroy();
      return "reset";
    }
  }
  if (delayMs > 0 && !(await sleep(delayMs, signal))) return "aborted";
  const got = collect(plan.steps);
  const message: Record<string, unknown> = { role: "assistant", content: got.content };
  if (got.reasoningContent !== null) message.reasoning_content = got.reasoningContent;
  if (got.reasoning !== null) message.reasoning = got.reasoning;
  if (got.toolCalls.length > 0) message.tool_calls = got.toolCalls;
  const body = {
    id: env.id,
    object: "chat.completion",
    created: env.created,
    model: env.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: got.finishReason }],
    usage: got.usage,
    system_fingerprint: env.fingerprint,
  };
  control.closingOnPurpose();
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
  return "completed";
}
