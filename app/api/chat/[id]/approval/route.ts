import { requireAccessCode } from "@/lib/http/access-code";
import { invalidRequest, jsonError, methodNotAllowed, readJsonBody } from "@/lib/http/responses";
import { mayUseStream, unknownStream } from "@/lib/http/stream-route";
import { parseApprovalRequest } from "@/lib/protocol/approval-request";
import { getStreamStore } from "@/lib/resume";
import type { DecideResult } from "@/lib/resume/stream-store";

// PROTOCOL.md section 24: the user's decision on a tool call that waits for it. Whoever may read
// the stream may decide (in accounts mode its owner only; anyone else's is a 404, as for GET and
// DELETE). The store takes the first decision, from any instance, and the run hears it.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const BODY_LIMIT_BYTES = 1_024;

interface Context {
  params: Promise<{ id: string }>;
}

export async function POST(request: Request, context: Context): Promise<Response> {
  const denied = requireAccessCode(request);
  if (denied) return denied;
  const { id } = await context.params;
  const body = await readJsonBody(request, BODY_LIMIT_BYTES);
  if (!body.ok) return body.response;
  const parsed = parseApprovalRequest(body.value);
  if (!parsed.ok) return invalidRequest(parsed.message);
  if (!mayUseStream(id, request.headers)) return unknownStream();
  const store = getStreamStore();
  const { tool_call_id: toolCallId, decision, always } = parsed.value;
  let result: DecideResult;
  try {
    if (!(await store.status(id))) return unknownStream();
    result = await store.decide(id, toolCallId, { decision, ...(always ? { always } : {}) });
  } catch (error) {
    console.error("[approval] the stream store failed:", error instanceof Error ? error.message : error);
    return jsonError(
      "resume_unavailable",
      "The decision could not be recorded (the stream store did not answer); try again in a moment.",
      { "Retry-After": "5" },
    );
  }
  if (result.ok) return Response.json({ tool_call_id: toolCallId, decision }, { status: 202 });
  if (result.reason === "decided") {
    return jsonError(
      "approval_decided",
      `This tool call was already decided (${result.decision.decision}); a decision is taken once.`,
    );
  }
  return jsonError(
    "approval_not_pending",
    "No approval is pending for this tool_call_id in this answer: it never asked for one, or the answer has ended.",
  );
}

const notAllowed = () => methodNotAllowed("POST");

export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
