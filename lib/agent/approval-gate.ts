import type { ApprovalDecision } from "@/lib/protocol";

// What the loop needs of a place where a call can wait for the user's decision (PROTOCOL.md
// section 24). Only a resumable answer has one (lib/resume/store-approval-gate.ts); without it an
// `ask` tool is declined at once, since nobody could answer.

export interface ApprovalOutcome {
  decision: ApprovalDecision;
  /** Allow, and stop asking for this tool (the user's "Always allow"). */
  always?: boolean;
}

export interface ApprovalGate {
  /** `toolCallId` waits for a decision; awaited before its `tool_call` event goes out. */
  open(toolCallId: string): Promise<void>;
  /** The decision, a timeout once `timeoutMs` passes, or undefined when `signal` aborts first. */
  wait(toolCallId: string, timeoutMs: number, signal: AbortSignal): Promise<ApprovalOutcome | undefined>;
}
