import { chatResponse } from "@/lib/http/chat-response";
import { jsonError, methodNotAllowed, readJsonBody } from "@/lib/http/responses";
import { parseChatQuery, parseChatRequest } from "@/lib/protocol/request";

// PROTOCOL.md sections 1–4. Thin by design: validate, start the agent, return its stream.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
// Vercel's ceiling for one answer; a thinking model with tools can take minutes.
export const maxDuration = 300;

const BODY_LIMIT_BYTES = 1_000_000;

export async function POST(request: Request): Promise<Response> {
  const startedAt = performance.now();
  const body = await readJsonBody(request, BODY_LIMIT_BYTES);
  if (!body.ok) return body.response;
  const parsed = parseChatRequest(body.value);
  if (!parsed.ok) return jsonError(400, "invalid_request", parsed.message);
  return chatResponse(request, parsed.request, startedAt);
}

export async function GET(request: Request): Promise<Response> {
  const startedAt = performance.now();
  // An EventSource reconnecting after a drop: never run the prompt again (204 stops it).
  if (request.headers.has("last-event-id")) return new Response(null, { status: 204 });
  const parsed = parseChatQuery(new URL(request.url).searchParams);
  if (!parsed.ok) return jsonError(400, "invalid_request", parsed.message);
  return chatResponse(request, parsed.request, startedAt);
}

const notAllowed = () => methodNotAllowed("GET, POST");

export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
