import "server-only";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { ToolError } from "./tool-error";

/**
 * Success → the result as JSON text (what the model reads) plus structuredContent (what the
 * outputSchema describes). A ToolError becomes an error result the model can act on; anything
 * else, including the caller's abort, propagates to the SDK.
 */
export async function toolResult(
  work: () => Record<string, unknown> | Promise<Record<string, unknown>>,
): Promise<CallToolResult> {
  try {
    const result = await work();
    return { content: [{ type: "text", text: JSON.stringify(result) }], structuredContent: result };
  } catch (error) {
    if (error instanceof ToolError)
      return { isError: true, content: [{ type: "text", text: error.message }] };
    throw error;
  }
}
