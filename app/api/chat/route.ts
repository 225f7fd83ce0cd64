import { loadConfig } from "@/lib/config";
import { historyChatResponse } from "@/lib/history/history-chat";
import { checkAccess, refuseAccess, requireAccessCode } from "@/lib/http/access-code";
import { chatResponse } from "@/lib/http/chat-response";
import { invalidRequest, methodNotAllowed, readJsonBody } from "@/lib/http/responses";
import { parseChatQuery, parseChatRequest } from "@/lib/protocol/request";
import { searchProblem } from "@/lib/web/web-search-config";

// PROTOCOL.md sections 1–4 and 10. Thin by design: validate, start the agent, return its stream.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
// Vercel's ceiling for one answer; a thinking model with tools can take minutes.
export const maxDuration = 300;

export async function POST(request: Request): Promise<Response> {
  const startedAt = performance.now();
  // proxy.ts checks first; this is defence in depth should its matcher ever miss the route.
  const access = checkAccess(request.headers);
  const denied = refuseAccess(access);
  if (denied) return denied;
  const config = loadConfig();
  const body = await readJsonBody(request, config.bodyLimitBytes);
  if (!body.ok) return body.response;
  const parsed = parseChatRequest(body.value, config);
  if (!parsed.ok) return invalidRequest(parsed.message);
  // Section 21: refused before anything is kept or counted.
  const unsearchable = parsed.request.search ? searchProblem() : undefined;
  if (unsearchable) return invalidRequest(unsearchable);
  const { conversation } = parsed.request;
  // Section 10: a stored conversation's answer is saved by the server.
  if (conversation) return historyChatResponse(request, parsed.request, conversation, startedAt, access);
  return chatResponse(request, parsed.request, startedAt);
}

export async function GET(request: Request): Promise<Response> {
  const startedAt = performance.now();
  const denied = requireAccessCode(request);
  if (denied) return denied;
  // An EventSource reconnecting after a drop: never run the prompt again (204 stops it).
  if (request.headers.has("last-event-id")) return new Response(null, { status: 204 });
  const parsed = parseChatQuery(new URL(request.url).searchParams, loadConfig());
  if (!parsed.ok) return invalidRequest(parsed.message);
  const unsearchable = parsed.request.search ? searchProblem() : undefined;
  if (unsearchable) return invalidRequest(unsearchable);
  return chatResponse(request, parsed.request, startedAt);
}

const notAllowed = () => methodNotAllowed("GET, POST");

export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
