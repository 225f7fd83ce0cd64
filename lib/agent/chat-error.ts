import type { ChatEvent, FinishReason } from "@/lib/protocol";

// One error type with a code, one mapping to an `error` event and one to an HTTP rejection
// (app/api/chat/http.ts). Messages say what to do; they never carry keys or raw provider bodies.

export type ErrorCode =
  | "not_configured"
  | "invalid_request"
  | "invalid_api_key"
  | "insufficient_balance"
  | "rate_limited"
  | "provider_overloaded"
  | "provider_rejected"
  | "provider_error"
  | "provider_unreachable"
  | "provider_timeout"
  | "provider_incomplete"
  | "tool_rounds_exceeded"
  | "answer_timeout"
  | "internal_error";

export class ChatError extends Error {
  override name = "ChatError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The HTTP status when this is answered as JSON instead of a stream. */
    readonly status = 502,
    readonly finishReason: FinishReason = "error",
  ) {
    super(message);
  }
}

/** The HTTP status for an error that arrived as an event (a `stream: false` answer). */
export function statusOf(code: string | undefined): number {
  if (code === "not_configured") return 503;
  if (code === "internal_error") return 500;
  if (code === "answer_timeout" || code === "provider_timeout") return 504;
  return 502;
}

export function notConfigured(): ChatError {
  return new ChatError(
    "not_configured",
    "No API key is configured: set DEEPSEEK_API_KEY in the server's environment (.env.local on a Node " +
      "machine, Project Settings → Environment Variables on Vercel) and restart the app.",
    503,
  );
}

export function asChatError(error: unknown): ChatError {
  if (error instanceof ChatError) return error;
  console.error("[agent] unexpected error", error);
  return new ChatError("internal_error", "The server failed while answering; try again.", 500);
}

export function errorEvent(error: ChatError): ChatEvent {
  return {
    event: "error",
    data: { finish_reason: error.finishReason, message: error.message, code: error.code },
  };
}
