import "server-only";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { McpError } from "@modelcontextprotocol/sdk/types.js";
import { loadConfig } from "@/lib/config";
import { createBuiltinServer } from "./builtin/builtin-server";
import { mapToolResult } from "./tool-result";
import type { ToolDefinition, ToolSet } from "./tool-set";

// The built-in tools run as a real MCP server in this process (McpServer over InMemoryTransport),
// so the loop talks MCP to them exactly as it will to any configured server (issue 3).

export const BUILTIN_SERVER = "builtin";

/** Connects an in-process MCP server and exposes its tools as the loop's tool set. */
export async function connectInProcess(server: McpServer, serverName: string): Promise<ToolSet> {
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "deepseek-chat", version: "0.1.0" });
  await Promise.all([server.connect(serverTransport), client.connect(clientTransport)]);

  const tools: ToolDefinition[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listTools(cursor ? { cursor } : {});
    for (const tool of page.tools) {
      tools.push({
        name: tool.name,
        description: tool.description ?? "",
        parameters: tool.inputSchema as Record<string, unknown>,
        server: serverName,
      });
    }
    cursor = page.nextCursor;
  } while (cursor);

  return {
    tools,
    async call(name, args, { signal }) {
      try {
        const result = await client.callTool({ name, arguments: args }, undefined, {
          signal,
          timeout: loadConfig().toolTimeoutMs,
          resetTimeoutOnProgress: true,
        });
        return mapToolResult(result as Parameters<typeof mapToolResult>[0]);
      } catch (error) {
        if (signal.aborted) throw error;
        if (error instanceof McpError) return { error: `The tool failed: ${error.message}` };
        throw error;
      }
    },
  };
}

// One connection per process, shared by every request (and kept across dev-server reloads).
const holder = globalThis as typeof globalThis & { __builtinTools?: Promise<ToolSet> | undefined };

export function getBuiltinTools(): Promise<ToolSet> {
  holder.__builtinTools ??= connectInProcess(createBuiltinServer(), BUILTIN_SERVER).catch(
    (error: unknown) => {
      holder.__builtinTools = undefined;
      throw error;
    },
  );
  return holder.__builtinTools;
}
