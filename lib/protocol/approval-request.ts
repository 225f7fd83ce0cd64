import { z } from "zod";

// The body of POST /api/chat/<stream id>/approval (PROTOCOL.md section 24): the user's decision on
// one tool call that waits for it. `always` goes with allow only: it loosens, and deny has nothing
// to loosen.

export const approvalRequest = z
  .strictObject({
    tool_call_id: z.string().min(1).max(200),
    decision: z.enum(["allow", "deny"]),
    always: z.boolean().optional(),
  })
  .refine((body) => !body.always || body.decision === "allow", {
    message: "goes with decision allow only",
    path: ["always"],
  });

export type ApprovalRequest = z.infer<typeof approvalRequest>;

/** The body, or a message naming the field that is wrong. */
export function parseApprovalRequest(
  input: unknown,
): { ok: true; value: ApprovalRequest } | { ok: false; message: string } {
  const parsed = approvalRequest.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join(".") || "body";
  return { ok: false, message: `${field}: ${issue?.message ?? "invalid"}` };
}
