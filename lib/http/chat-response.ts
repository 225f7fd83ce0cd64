import "server-only";
import { after } from "next/server";
import { chatEvents, collectAnswer } from "@/lib/agent/chat";
import { ChatError, type ErrorCode, fromErrorEvent } from "@/lib/agent/chat-error";
import { resolveModel } from "@/lib/agent/run-agent";
import { streamIdFor, streamOwnerKey } from "@/lib/auth/stream-owner";
import { type AnswerBudget, type BudgetOpening, openAnswerBudget } from "@/lib/budget/answer-budget";
import { loadConfig } from "@/lib/config";
import { storeUnavailable } from "@/lib/history/history-access";
import type { ChatEvent, ChatRequest } from "@/lib/protocol";
import { toSseStream } from "@/lib/protocol/sse-encoder";
import {
  getStreamStore,
  OwnerRunsFull,
  type RunObserver,
  readStreamSse,
  StreamStoreFull,
  startDetachedRun,
} from "@/lib/resume";
import { StoreApprovalGate } from "@/lib/resume/store-approval-gate";
import { answerToolSet, rememberAlwaysAllow } from "@/lib/tool-settings/tool-settings";
import { checkAccess } from "./access-code";
import { clientAddress } from "./client-address";
import { ownerFor } from "./owner";
import { type ChatLog, startChatLog } from "./request-log";
import { chatErrorResponse, jsonError, type RejectionCode, SSE_HEADERS } from "./responses";

type Started =
  | { ok: true; log: ChatLog; events: AsyncGenerator<ChatEvent, void> }
  | { ok: false; error: ChatError };

/** The agent's events for a request, passing through its log line; a model not on offer is a 400. */
function startAnswer(
  request: Request,
  chat: ChatRequest,
  startedAt: number,
  signal: AbortSignal,
  endOnAbort: boolean,
  budget: AnswerBudget | undefined,
  approvals?: StoreApprovalGate,
): Started {
  const log = startChatLog(request, chat);
  // Section 25: the owner's tool settings and the request's switches decide what is offered.
  const owner = ownerFor(request.headers, checkAccess(request.headers));
  try {
    const events = chatEvents(chat.messages, {
      tools: () => answerToolSet(owner, chat.tools_off),
      thinking: chat.thinking,
      effort: chat.effort,
      model: chat.model,
      signal,
      startedAt,
      onRound: log.round,
      endOnAbort,
      search: chat.search,
      approvals,
      onAlwaysAllow: (tool) => rememberAlwaysAllow(owner, tool),
      ...(budget ? { beforeRound: budget.beforeRound, onUsage: budget.onUsage } : {}),
    });
    const logged = log.observe(events);
    return { ok: true, log, events: budget ? budget.observe(logged) : logged };
  } catch (error) {
    if (error instanceof ChatError) return { ok: false, error };
    throw error;
  }
}

/**
 * A detached answer's start: its response, or, when it never started, the refusal that answers the
 * request and the same error as data, for a caller that keeps the answer (lib/history) to store.
 */
export type DetachedStart =
  | { ok: true; response: Response }
  | { ok: false; response: Response; error: { code: ErrorCode | RejectionCode; message: string } };

/** What a caller that keeps the answer (lib/history) adds to a detached run. */
export interface DetachedOptions {
  /** The stream's id, when the caller had to know it before the run started. */
  streamId?: string;
  /** Sees the run's events as the detached run drains them, whoever reads it. */
  observer?: RunObserver;
  /** The answer's hold on its owner's budgets (accounts mode), settled however the run ends. */
  budget?: AnswerBudget | undefined;
}

/**
 * The budget hold of an answer in accounts mode (PROTOCOL.md section 17), or the response that
 * refuses it: a model not on offer (400), a budget used up or too many answers (429), no database (503).
 */
export async function answerBudget(
  request: Request,
  chat: ChatRequest,
  unnamed: boolean,
): Promise<{ ok: true; budget: AnswerBudget | undefined } | Refused> {
  let opening: BudgetOpening;
  try {
    opening = await openAnswerBudget(request, chat.messages, resolveModel(loadConfig(), chat.model), unnamed);
  } catch (error) {
    if (error instanceof ChatError) return refused(chatErrorResponse(error), error);
    const response = storeUnavailable(error);
    return refused(response, { code: "store_unavailable", message: "The database is unreachable." });
  }
  return opening.ok ? opening : refused(opening.response, opening.error);
}

/**
 * Starts the agent for a validated request and answers with its stream (or, for `stream: false`,
 * its final answer). Both the request's abort and the stream's cancel stop the loop.
 */
export async function chatResponse(
  request: Request,
  chat: ChatRequest,
  startedAt: number,
): Promise<Response> {
  const opening = await answerBudget(request, chat, true);
  if (!opening.ok) return opening.response;
  const { budget } = opening;
  if (chat.resumable && chat.stream)
    return (await detachedChatResponse(request, chat, startedAt, { budget })).response;
  const abort = new AbortController();
  const onAbort = () => abort.abort();
  request.signal.addEventListener("abort", onAbort, { once: true });
  const started = startAnswer(request, chat, startedAt, abort.signal, false, budget);
  if (!started.ok) {
    await budget?.settle();
    return chatErrorResponse(started.error);
  }
  const { log, events } = started;

  if (!chat.stream) {
    const answer = await collectAnswer(events);
    request.signal.removeEventListener("abort", onAbort);
    if (answer.error && answer.finish_reason === "error")
      return chatErrorResponse(fromErrorEvent(answer.error));
    return Response.json(
      { content: answer.content, finish_reason: answer.finish_reason },
      { headers: { "X-Request-Id": log.id } },
    );
  }

  // A reader gone before the first read leaves the events unstarted: nothing else would settle.
  abort.signal.addEventListener("abort", () => budget?.abandon(), { once: true });
  return new Response(toSseStream(events, { abort }), {
    headers: { ...SSE_HEADERS, "X-Request-Id": log.id },
  });
}

/**
 * PROTOCOL.md section 8: the answer runs detached, into the stream store; this response is only its
 * first reader. On Vercel `after()` keeps the function alive until the run ends (within maxDuration);
 * on a Node server the run simply goes on.
 */
export async function detachedChatResponse(
  request: Request,
  chat: ChatRequest,
  startedAt: number,
  detached: DetachedOptions,
): Promise<DetachedStart> {
  const abort = new AbortController();
  const store = getStreamStore();
  const id = detached.streamId ?? streamIdFor(request.headers);
  // Only a resumable answer can wait for the user's approval (PROTOCOL.md section 24).
  const approvals = new StoreApprovalGate(store, id);
  const started = startAnswer(request, chat, startedAt, abort.signal, true, detached.budget, approvals);
  if (!started.ok) {
    await detached.budget?.settle();
    return refused(chatErrorResponse(started.error), started.error);
  }
  const { log, events } = started;
  try {
    // Counted per client (the rate limit's key), so that one client cannot fill the store.
    // (per account in accounts mode, whose stream ids also name their owner: stream-owner.ts).
    const client = streamOwnerKey(request.headers, clientAddress(request.headers));
    const run = await startDetachedRun(store, events, abort, client, { id, observer: detached.observer });
    after(run.done.finally(() => approvals.close()));
  } catch (error) {
    await events.return();
    // A generator closed before it started runs no `finally`: settle the hold here.
    await detached.budget?.settle();
    return streamRefusal(error);
  }
  return {
    ok: true,
    response: new Response(readStreamSse(store, id, 0), {
      headers: { ...SSE_HEADERS, "X-Request-Id": log.id, "X-Stream-Id": id },
    }),
  };
}

type Refused = Extract<DetachedStart, { ok: false }>;

function refused(response: Response, error: { code: ErrorCode | RejectionCode; message: string }): Refused {
  return { ok: false, response, error: { code: error.code, message: error.message } };
}

/** The stream store would not take the run. */
function streamRefusal(error: unknown): Refused {
  const busy = (code: RejectionCode, message: string) =>
    refused(jsonError(code, message, { "Retry-After": "5" }), { code, message });
  if (error instanceof OwnerRunsFull) return busy("too_many_client_streams", error.message);
  if (error instanceof StreamStoreFull) return busy("too_many_streams", error.message);
  console.error("[resume] cannot open a stream:", error instanceof Error ? error.message : error);
  return busy(
    "resume_unavailable",
    "Resumable answers are unavailable right now (the stream store did not answer); try again, or send the request without resumable.",
  );
}
