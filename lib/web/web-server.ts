import "server-only";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WEB_SERVER } from "@/lib/mcp/mcp-config";
import { type ReaderDeps, registerReadPageTool } from "./read-page-tool";
import type { SearchBackend } from "./search-backend";
import type { SourceList } from "./source-list";
import { registerWebSearchTool } from "./web-search-tool";

export const WEB_SERVER_NAME = WEB_SERVER;

export interface WebServerDeps {
  backend: SearchBackend;
  /** The answer's numbering: one list per answer, shared by every search and page read in it. */
  sources: SourceList;
  reader: ReaderDeps;
}

/**
 * The web tools, served in-process over MCP like the built-ins but never at /api/mcp nor in the
 * process's pool: they spend the operator's search keys, so only an answer that asked for search
 * (`search: true`) gets a server of its own (web-tools.ts).
 */
export function createWebServer(deps: WebServerDeps): McpServer {
  const server = new McpServer({ name: WEB_SERVER_NAME, version: "1.0.0" });
  registerWebSearchTool(server, deps.backend, deps.sources);
  registerReadPageTool(server, deps.reader, deps.sources);
  return server;
}
