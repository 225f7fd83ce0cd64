import "server-only";
import type { RegisteredTool } from "@modelcontextprotocol/sdk/server/mcp.js";
import { approvalInAppError, type ToolPolicy } from "../tool-policy";

/**
 * The policies for a client outside the app (/api/mcp, PROTOCOL.md section 23): a `never` tool is
 * not listed, and an `ask` tool answers with an error, since only the app can ask its user.
 */
export function applyToolPolicies(
  tools: Record<string, RegisteredTool>,
  policyOf: (tool: string) => ToolPolicy,
): void {
  for (const [name, tool] of Object.entries(tools)) {
    const policy = policyOf(name);
    if (policy === "never") tool.remove();
    else if (policy === "ask") {
      tool.update({
        callback: () => ({ isError: true, content: [{ type: "text", text: approvalInAppError(name) }] }),
      });
    }
  }
}
