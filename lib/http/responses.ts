import "server-only";
import type { ChatError } from "@/lib/agent/chat-error";

// HTTP shapes of PROTOCOL.md: rejections are JSON `{error: {code, message}}` with an honest status;
// streams carry the SSE headers proxies and platforms need to pass events through unbuffered.

export const SSE_HEADERS: Record<string, string> = {
  "Content-Type": "text/event-stream; charset=utf-8",
  // no-transform also keeps Next's gzip (and proxies') from buffering the stream.
  "Cache-Control": "no-cache, no-transform",
  "X-Accel-Buffering": "no",
};

export function jsonError(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) {
  return Response.json({ error: { code, message } }, { status, headers });
}

export function chatErrorResponse(error: ChatError): Response {
  return jsonError(error.status, error.code, error.message);
}

export function methodNotAllowed(allow: string): Response {
  return jsonError(405, "method_not_allowed", `This endpoint accepts ${allow}.`, { Allow: allow });
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
        415,
        "unsupported_media_type",
        "Send the body as JSON with Content-Type: application/json.",
      ),
    };
  }
  // The rest of the body is never read: closing the connection keeps a client from sending its
  // next request down a socket that still carries this one's unread bytes.
  const tooLarge = () => ({
    ok: false as const,
    response: jsonError(413, "body_too_large", `The body is larger than ${limitBytes} bytes.`, {
      Connection: "close",
    }),
  });
  if (Number(request.headers.get("content-length") ?? 0) > limitBytes) return tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limitBytes) {
        await reader.cancel().catch(() => {});
        return tooLarge();
      }
      chunks.push(value);
    }
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    return { ok: false, response: jsonError(400, "invalid_body", "body: the body is not valid UTF-8.") };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return {
      ok: false,
      response: jsonError(400, "invalid_body", `body: not valid JSON (${(error as Error).message}).`),
    };
  }
}
