// Which tools run without asking (PROTOCOL.md section 23). A server entry of mcp.json says
// `approval` for all its tools and `toolApproval` per tool; the app's own tools are `auto`.

export const TOOL_POLICIES = ["auto", "ask", "never"] as const;
export type ToolPolicy = (typeof TOOL_POLICIES)[number];

export interface ApprovalSpec {
  /** The server's default for its tools. */
  approval: ToolPolicy;
  /** Overrides by the tool's own name on its server. */
  toolApproval: Record<string, ToolPolicy>;
}

/** The built-in and web servers: nothing configures them, and their tools read or compute only. */
export const AUTO_APPROVAL: ApprovalSpec = { approval: "auto", toolApproval: {} };

/** A tool's policy: its own override, else its server's default. */
export function policyOf(spec: ApprovalSpec, tool: string): ToolPolicy {
  // hasOwn: a tool named "constructor" must not find Object.prototype's.
  return Object.hasOwn(spec.toolApproval, tool) ? (spec.toolApproval[tool] ?? spec.approval) : spec.approval;
}

/** What the model reads when it calls an `ask` tool in an answer that cannot wait for the user. */
export function approvalUnavailableError(tool: string): string {
  return (
    `The tool '${tool}' was not run: it needs the user's approval, and this answer cannot ask for it. ` +
    "Tell the user, or answer without it."
  );
}

/** What the model reads when the user declined an `ask` tool's call, or let it wait too long (section 24). */
export function approvalDeclinedError(tool: string, timedOut: boolean): string {
  const why = timedOut
    ? "the user did not answer in time, which counts as declining"
    : "the user declined it";
  return `The tool '${tool}' was not run: ${why}. Go on without it, or ask the user.`;
}

/** What an MCP client of /api/mcp reads when it calls an `ask` tool. */
export function approvalInAppError(tool: string): string {
  return `The tool '${tool}' needs the user's approval in the app; it cannot run over /api/mcp.`;
}
