import { readHttpError } from "./read-http-error";

// PROTOCOL.md section 24 from the browser: the user's decision on a tool call that waits for it.
// The answer's stream then carries tool_approval to every reader, this one included; this call
// only says whether the server took the decision.

export type ApprovalChoice = "allow" | "always" | "deny";

export type ApprovalSent = { ok: true } | { ok: false; status: number; message: string };

export async function sendApproval(
  streamId: string,
  toolCallId: string,
  choice: ApprovalChoice,
  fetcher: typeof fetch = (input, init) => fetch(input, init),
): Promise<ApprovalSent> {
  const body =
    choice === "always"
      ? { tool_call_id: toolCallId, decision: "allow", always: true }
      : { tool_call_id: toolCallId, decision: choice };
  let response: Response;
  try {
    response = await fetcher(`/api/chat/${encodeURIComponent(streamId)}/approval`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, message: "" };
  }
  if (response.ok) return { ok: true };
  const error = await readHttpError(response);
  return { ok: false, status: error.status, message: error.message };
}
