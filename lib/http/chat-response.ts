import "server-only";
import { after } from "next/server";
import { chatEvents, collectAnswer } from "@/lib/agent/chat";
import { ChatError, fromErrorEvent } from "@/lib/agent/chat-error";
import type { ChatEvent, ChatRequest } from "@/lib/protocol";
import { toSseStream } from "@/lib/protocol/sse-encoder";
import {
  getStreamStore,
  OwnerRunsFull,
  readStreamSse,
  StreamStoreFull,
  startDetachedRun,
} from "@/lib/resume";
import { clientAddress } from "./client-address";
import { type ChatLog, startChatLog } from "./request-log";
import { chatErrorResponse, jsonError, SSE_HEADERS } from "./responses";

type Started =
  | { ok: true; log: ChatLog; events: AsyncGenerator<ChatEvent, void> }
  | { ok: false; response: Response };

/** The agent's events for a request, passing through its log line; a model not on offer is a 400. */
function startAnswer(
  request: Request,
  chat: ChatRequest,
  startedAt: number,
  signal: AbortSignal,
  endOnAbort: boolean,
): Started {
  const log = startChatLog(request, chat);
  try {
    const events = chatEvents(chat.messages, {
      thinking: chat.thinking,
      model: chat.model,
      signal,
      startedAt,
      onRound: log.round,
      endOnAbort,
    });
    return { ok: true, log, events: log.observe(events) };
  } catch (error) {
    if (error instanceof ChatError) return { ok: false, response: chatErrorResponse(error) };
    throw error;
  }
}

/** What a caller that keeps the answer (lib/history) adds to a detached run. */
export interface DetachedOptions {
  /** The stream's id, when the caller had to know it before the run started. */
  streamId?: string;
  /** Wraps the run's events: what the detached run drains, whoever reads it. */
  observe?: (events: AsyncGenerator<ChatEvent, void>) => AsyncGenerator<ChatEvent, void>;
}

/**
 * Starts the agent for a validated request and answers with its stream (or, for `stream: false`,
 * its final answer). Both the request's abort and the stream's cancel stop the loop.
 */
export async function chatResponse(
  request: Request,
  chat: ChatRequest,
  startedAt: number,
  detached: DetachedOptions = {},
): Promise<Response> {
  if (chat.resumable && chat.stream) return resumableResponse(request, chat, startedAt, detached);
  const abort = new AbortController();
  const onAbort = () => abort.abort();
  request.signal.addEventListener("abort", onAbort, { once: true });
  const started = startAnswer(request, chat, startedAt, abort.signal, false);
  if (!started.ok) return started.response;
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

  return new Response(toSseStream(events, { abort }), {
    headers: { ...SSE_HEADERS, "X-Request-Id": log.id },
  });
}

/**
 * PROTOCOL.md section 8: the answer runs detached, into the stream store; this response is only its
 * first reader. On Vercel `after()` keeps the function alive until the run ends (within maxDuration);
 * on a Node server the run simply goes on.
 */
async function resumableResponse(
  request: Request,
  chat: ChatRequest,
  startedAt: number,
  detached: DetachedOptions,
): Promise<Response> {
  const abort = new AbortController();
  const started = startAnswer(request, chat, startedAt, abort.signal, true);
  if (!started.ok) return started.response;
  const { log } = started;
  const events = detached.observe ? detached.observe(started.events) : started.events;
  const store = getStreamStore();
  let id: string;
  try {
    // Counted per client (the rate limit's key), so that one client cannot fill the store.
    const client = clientAddress(request.headers);
    const run = await startDetachedRun(store, events, abort, client, detached.streamId);
    id = run.id;
    after(run.done);
  } catch (error) {
    await events.return();
    if (error instanceof OwnerRunsFull) {
      return jsonError("too_many_client_streams", error.message, { "Retry-After": "5" });
    }
    if (error instanceof StreamStoreFull) {
      return jsonError("too_many_streams", error.message, { "Retry-After": "5" });
    }
    console.error("[resume] cannot open a stream:", error instanceof Error ? error.message : error);
    return jsonError(
      "resume_unavailable",
      "Resumable answers are unavailable right now (the stream store did not answer); try again, or send the request without resumable.",
      { "Retry-After": "5" },
    );
  }
  return new Response(readStreamSse(store, id, 0), {
    headers: { ...SSE_HEADERS, "X-Request-Id": log.id, "X-Stream-Id": id },
  });
}
