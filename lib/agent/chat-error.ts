import type { ChatEvent, ErrorData, FinishReason } from "@/lib/protocol";

// One error type with a code, and one record of what each code means: its HTTP status when the
// error is answered as JSON (chatErrorResponse in lib/http/responses.ts) and the `finish_reason`
// of its `error` event (errorEvent below). Messages say what to do; they never carry keys or raw
// provider bodies.

interface ErrorMeaning {
  /** The HTTP status when this is answered as JSON instead of a stream. */
  status: number;
  finishReason: FinishReason;
}

const failed = (status: number): ErrorMeaning => ({ status, finishReason: "error" });

// The provider's failures are a 502 (a bad gateway), its time-outs a 504. The provider rate
// limiting this server's account is one of them, unlike the HTTP layer's own 429 `rate_limited`.
const CHAT_ERRORS = {
  not_configured: failed(503),
  invalid_request: failed(400),
  invalid_api_key: failed(502),
  insufficient_balance: failed(502),
  rate_limited: failed(502),
  provider_overloaded: failed(502),
  provider_rejected: failed(502),
  provider_error: failed(502),
  provider_unreachable: failed(502),
  provider_timeout: failed(504),
  provider_incomplete: failed(502),
  // PROTOCOL.md section 3: too many tool rounds ends in `length`, the answer so far stands.
  tool_rounds_exceeded: { status: 502, finishReason: "length" },
  answer_timeout: failed(504),
  // PROTOCOL.md section 19: the request is more than the model can read; the client's to shorten.
  context_too_long: failed(400),
  // PROTOCOL.md section 17: the owner's budget ran out before a later round (the first round's
  // refusal is the HTTP layer's 429 of the same code).
  quota_exceeded: failed(429),
  internal_error: failed(500),
} as const satisfies Record<string, ErrorMeaning>;

export type ErrorCode = keyof typeof CHAT_ERRORS;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(CHAT_ERRORS, value);
}

export class ChatError extends Error {
  override name = "ChatError";
  readonly status: number;
  readonly finishReason: FinishReason;

  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    const meaning = CHAT_ERRORS[code];
    this.status = meaning.status;
    this.finishReason = meaning.finishReason;
  }
}

export function notConfigured(): ChatError {
  return new ChatError(
    "not_configured",
    "No API key is configured: set DEEPSEEK_API_KEY in the server's environment (.env.local on a Node " +
      "machine, Project Settings → Environment Variables on Vercel) and restart the app.",
  );
}

export function asChatError(error: unknown): ChatError {
  if (error instanceof ChatError) return error;
  console.error("[agent] unexpected error", error);
  return new ChatError("internal_error", "The server failed while answering; try again.");
}

export function errorEvent(error: ChatError): ChatEvent {
  return {
    event: "error",
    data: { finish_reason: error.finishReason, message: error.message, code: error.code },
  };
}

/** The error an `error` event carried, as a ChatError again (a `stream: false` answer). */
export function fromErrorEvent(data: ErrorData): ChatError {
  return new ChatError(isErrorCode(data.code) ? data.code : "provider_error", data.message);
}
