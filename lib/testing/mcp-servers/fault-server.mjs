#!/usr/bin/env node
// A stdio MCP server that misbehaves on purpose, for the fault tests: it crashes mid-call, hangs
// past any timeout, takes its time (reporting progress, so a timeout does not stop it), and adds a
// tool at run time (tools/list_changed).
import { appendFileSync } from "node:fs";
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
  // Late enough that the other calls of the same round have arrived and been answered, even on a
  // loaded machine (at 10 ms a busy CI lost the `fail` call's answer with the crash).
  setTimeout(() => process.exit(3), 250);
  return new Promise(() => {});
});

server.registerTool("hang", { description: "Never answers." }, () => new Promise(() => {}));

// What the slow tool did, one JSON line per step ({tag, event, at}), when FAULT_SERVER_LOG names a
// file: how a test sees that a call it walked away from was cancelled (notifications/cancelled).
function note(tag, event) {
  const log = process.env.FAULT_SERVER_LOG;
  if (log) appendFileSync(log, `${JSON.stringify({ tag, event, at: Date.now() })}\n`);
}

server.registerTool(
  "slow",
  {
    description: "Answers after `seconds` (default 10), reporting progress every 100 ms.",
    inputSchema: { tag: z.string(), seconds: z.number().positive().optional() },
  },
  async ({ tag, seconds = 10 }, extra) => {
    note(tag, "started");
    const steps = Math.ceil(seconds * 10);
    for (let step = 1; step <= steps; step++) {
      const cancelled = await new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), 100);
        extra.signal.addEventListener("abort", () => {
          clearTimeout(timer);
          resolve(true);
        });
        if (extra.signal.aborted) resolve(true);
      });
      if (cancelled) {
        note(tag, "cancelled");
        return { isError: true, content: [{ type: "text", text: "cancelled" }] };
      }
      const progressToken = extra._meta?.progressToken;
      if (progressToken !== undefined) {
        await extra.sendNotification({
          method: "notifications/progress",
          params: { progressToken, progress: step, total: steps },
        });
      }
    }
    note(tag, "finished");
    return { content: [{ type: "text", text: `slow: ${tag} after ${seconds} s` }] };
  },
);

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
