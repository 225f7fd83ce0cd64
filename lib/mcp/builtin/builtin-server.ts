import "server-only";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { ToolPolicy } from "../tool-policy";
import { applyToolPolicies } from "./apply-tool-policies";
import { registerCalculatorTool } from "./calculator-tool";
import { registerCurrentTimeTool } from "./current-time-tool";
import { registerStockQuoteTool } from "./stock-quote-tool";

export interface BuiltinServerDeps {
  /** Serves the quote source's HTTP calls (tests, recorded answers). */
  fetch?: typeof fetch;
  /** The clock behind get_current_time. */
  now?: () => Date;
  /** Overrides STOCK_QUOTE_BASE_URL and the real quote source. */
  stockBaseUrl?: string;
  /** Applies each tool's policy (section 23) for a client outside the app; the pool applies its own. */
  policyOf?: (tool: string) => ToolPolicy;
}

const BUILTIN_SERVER_NAME = "builtin";

/**
 * The app's own tools, served in-process over MCP so the agent loop treats them exactly like a
 * user's MCP servers. One server per connection: McpServer holds per-transport state. Each tool's
 * name, description and schemas live beside its work (*-tool.ts); the order here is the order
 * tools/list shows them in.
 */
export function createBuiltinServer(deps: BuiltinServerDeps = {}): McpServer {
  const server = new McpServer({ name: BUILTIN_SERVER_NAME, version: "1.0.0" });
  const tools = {
    get_stock_info: registerStockQuoteTool(server, deps),
    get_current_time: registerCurrentTimeTool(server, deps),
    calculate: registerCalculatorTool(server),
  };
  if (deps.policyOf) applyToolPolicies(tools, deps.policyOf);
  return server;
}
