import "server-only";
import { loadConfig } from "@/lib/config";
import { createBuiltinServer } from "./builtin/builtin-server";
import { loadMcpConfig } from "./mcp-config";
import { McpPool, type PolicyAdjust } from "./mcp-pool";
import type { ToolSet } from "./tool-set";

// The process's one pool: the built-in tools plus every server in MCP_CONFIG, read once at
// start-up (instrumentation.ts) and kept across requests and dev-server reloads.

const holder = globalThis as typeof globalThis & { __mcpPool?: McpPool };

export function getPool(): McpPool {
  if (holder.__mcpPool) return holder.__mcpPool;
  const config = loadConfig();
  const mcp = loadMcpConfig();
  for (const problem of mcp.problems) console.warn(`[mcp] ${problem.server} disabled: ${problem.message}`);
  const pool = new McpPool(mcp.servers, mcp.problems, {
    builtin: () => createBuiltinServer(),
    connectTimeoutMs: config.mcpConnectTimeoutMs,
    callTimeoutMs: config.toolTimeoutMs,
    retryAfterMs: config.mcpRetryAfterMs,
  });
  holder.__mcpPool = pool;
  // Local servers are child processes: closing their stdin (the synchronous first step of close)
  // ends them with the app, however it exits (Next handles SIGTERM/SIGINT with process.exit).
  process.once("exit", () => void pool.close());
  return pool;
}

/** Every tool the model may use for one request, as the owner's settings leave them (`adjust`). */
export function getToolSet(adjust?: PolicyAdjust): Promise<ToolSet> {
  return getPool().toolSet(adjust);
}

export type { PolicyAdjust, ServerStatus } from "./mcp-pool";
export type { ToolDefinition, ToolOutcome, ToolSet } from "./tool-set";
