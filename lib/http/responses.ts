import "server-only";
import { ChatError } from "@/lib/agent/chat-error";
import { readBodyBytes } from "./read-body";

// HTTP shapes of PROTOCOL.md: rejections are JSON `{error: {code, message}}` with an honest status;
// streams carry the SSE headers proxies and platforms need to pass events through unbuffered.

export const SSE_HEADERS: Record<string, string> = {
  "Content-Type": "text/event-stream; charset=utf-8",
  // no-transform also keeps Next's gzip (and proxies') from buffering the stream.
  "Cache-Control": "no-cache, no-transform",
  "X-Accel-Buffering": "no",
};

/**
 * The HTTP layer's own refusals, each code with its one status (PROTOCOL.md sections 1, 8, 9, 10, 14, 15, 17 and 24).
 * The agent's codes, `invalid_request` among them, keep theirs in lib/agent/chat-error.ts: the
 * provider rate limiting this server is a 502 `rate_limited` there, this server's limit a 429 here.
 */
const REJECTIONS = {
  invalid_body: 400,
  unauthorized: 401,
  forbidden_origin: 403,
  forbidden_destination: 403,
  no_history: 403,
  account_pending: 403,
  account_disabled: 403,
  not_admin: 403,
  key_not_allowed: 403,
  stream_not_found: 404,
  not_found: 404,
  history_off: 404,
  method_not_allowed: 405,
  answer_streaming: 409,
  approval_not_pending: 409,
  approval_decided: 409,
  too_many_keys: 409,
  body_too_large: 413,
  unsupported_media_type: 415,
  unknown_host: 421,
  rate_limited: 429,
  quota_exceeded: 429,
  too_many_answers: 429,
  too_many_client_streams: 429,
  too_many_client_readers: 429,
  too_many_readers: 429,
  resume_unavailable: 503,
  too_many_streams: 503,
  store_unavailable: 503,
  accounts_unavailable: 503,
} as const satisfies Record<string, number>;

export type RejectionCode = keyof typeof REJECTIONS;

function errorJson(status: number, code: string, message: string, headers: Record<string, string>) {
  return Response.json({ error: { code, message } }, { status, headers });
}

export function jsonError(
  code: RejectionCode,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return errorJson(REJECTIONS[code], code, message, headers);
}

/** A refusal whose `error` object carries more than code and message (a budget's figures, section 17). */
export function jsonErrorWith(
  code: RejectionCode,
  message: string,
  details: Record<string, unknown>,
  headers: Record<string, string> = {},
): Response {
  return Response.json({ error: { code, message, ...details } }, { status: REJECTIONS[code], headers });
}

export function chatErrorResponse(error: ChatError): Response {
  return errorJson(error.status, error.code, error.message, {});
}

/** A request whose body or parameters are wrong; the message names the field. */
export function invalidRequest(message: string): Response {
  return chatErrorResponse(new ChatError("invalid_request", message));
}

export function methodNotAllowed(allow: string): Response {
  return jsonError("method_not_allowed", `This endpoint accepts ${allow}.`, { Allow: allow });
}

export type BodyResult = { ok: true; value: unknown } | { ok: false; response: Response };

/**
 * Reads a JSON body, refusing what is not JSON (415), too large (413, checked while reading so a
 * huge body is never buffered whole) or unparseable (400).
 */
export async function readJsonBody(request: Request, limitBytes: number): Promise<BodyResult> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type.trim())) {
    return {
      ok: false,
      response: jsonError(
        "unsupported_media_type",
        "Send the body as JSON with Content-Type: application/json.",
      ),
    };
  }
  // The rest of the body is never read: closing the connection keeps a client from sending its
  // next request down a socket that still carries this one's unread bytes.
  const tooLarge = () => ({
    ok: false as const,
    response: jsonError("body_too_large", `The body is larger than ${limitBytes} bytes.`, {
      Connection: "close",
    }),
  });
  const bytes = await readBodyBytes(request, limitBytes);
  if (bytes === "too_large") return tooLarge();
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, response: jsonError("invalid_body", "body: the body is not valid UTF-8.") };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return {
      ok: false,
      response: jsonError("invalid_body", `body: not valid JSON (${(error as Error).message}).`),
    };
  }
}
