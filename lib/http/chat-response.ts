import "server-only";
import { chatEvents, collectAnswer } from "@/lib/agent/chat";
import { ChatError, statusOf } from "@/lib/agent/chat-error";
import type { ChatEvent, ChatRequest } from "@/lib/protocol";
import { toSseStream } from "@/lib/protocol/sse-encoder";
import { startChatLog } from "./request-log";
import { chatErrorResponse, SSE_HEADERS } from "./responses";

/**
 * Starts the agent for a validated request and answers with its stream (or, for `stream: false`,
 * its final answer). Both the request's abort and the stream's cancel stop the loop.
 */
export async function chatResponse(
  request: Request,
  chat: ChatRequest,
  startedAt: number,
): Promise<Response> {
  const abort = new AbortController();
  const onAbort = () => abort.abort();
  request.signal.addEventListener("abort", onAbort, { once: true });
  const log = startChatLog(request, chat);
  let events: AsyncGenerator<ChatEvent, void>;
  try {
    events = log.observe(
      chatEvents(chat.messages, {
        thinking: chat.thinking,
        model: chat.model,
        signal: abort.signal,
        startedAt,
        onRound: log.round,
      }),
    );
  } catch (error) {
    if (error instanceof ChatError) return chatErrorResponse(error);
    throw error;
  }

  if (!chat.stream) {
    const answer = await collectAnswer(events);
    request.signal.removeEventListener("abort", onAbort);
    if (answer.error && answer.finish_reason === "error") {
      const code = (answer.error.code ?? "provider_error") as ChatError["code"];
      return chatErrorResponse(new ChatError(code, answer.error.message, statusOf(code)));
    }
    return Response.json(
      { content: answer.content, finish_reason: answer.finish_reason },
      { headers: { "X-Request-Id": log.id } },
    );
  }

  return new Response(toSseStream(events, { abort }), {
    headers: { ...SSE_HEADERS, "X-Request-Id": log.id },
  });
}
