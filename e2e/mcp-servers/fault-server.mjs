#!/usr/bin/env node
// A stdio MCP server that misbehaves on purpose, for the fault tests: it crashes mid-call, hangs
// past any timeout, and adds a tool at run time (tools/list_changed).
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "faulty", version: "1.0.0" });

server.registerTool(
  "ok",
  { description: "Answers at once.", inputSchema: { text: z.string() } },
  async ({ text }) => ({
    content: [{ type: "text", text: `ok: ${text}` }],
  }),
);

server.registerTool("crash", { description: "Kills the server mid-call." }, async () => {
  setTimeout(() => process.exit(3), 10);
  return new Promise(() => {});
});

server.registerTool("hang", { description: "Never answers." }, () => new Promise(() => {}));

server.registerTool("fail", { description: "Reports an error result." }, async () => ({
  isError: true,
  content: [{ type: "text", text: "the widget is out of stock" }],
}));

server.registerTool(
  "add_tool",
  { description: "Registers a new tool, announcing tools/list_changed." },
  async () => {
    server.registerTool("late_tool", { description: "Added at run time." }, async () => ({
      content: [{ type: "text", text: "late" }],
    }));
    return { content: [{ type: "text", text: "added late_tool" }] };
  },
);

process.stderr.write(`faulty server ${process.pid} up\n`);
await server.connect(new StdioServerTransport());
