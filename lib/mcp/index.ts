import "server-only";
import { getBuiltinTools } from "./builtin-tools";
import type { ToolSet } from "./tool-set";

/** Every tool the model may use for one request. Today the built-ins; issue 3 adds configured servers. */
export function getToolSet(): Promise<ToolSet> {
  return getBuiltinTools();
}

export type { ToolDefinition, ToolOutcome, ToolSet } from "./tool-set";
