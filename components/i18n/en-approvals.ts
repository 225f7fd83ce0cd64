// The interface text of tool approvals in English (issue 22, PROTOCOL.md section 24), spread into en.ts.

export const enApprovals = {
  approvalNeeded: "Needs your approval to run",
  approvalQuestion: (tool: string, server: string | undefined) =>
    server ? `Run ${tool} from ${server}?` : `Run ${tool}?`,
  allowOnce: "Allow once",
  alwaysAllow: "Always allow",
  alwaysAllowHint: "Run this tool without asking from now on",
  deny: "Deny",
  approvalAllowed: "Allowed",
  approvalDenied: "Denied",
  approvalTimedOut: "Timed out, not run",
  approvalSending: "Sending…",
  /** Before the decision, for screen readers: which call it is about. */
  approvalFor: (tool: string) => `${tool}: `,
  approvalFailed: (message: string) =>
    message
      ? `The decision was not taken: ${message}`
      : "The decision was not sent; check the connection and try again.",
};
