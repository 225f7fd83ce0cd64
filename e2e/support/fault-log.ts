import { readFile } from "node:fs/promises";

// What the fault MCP server's `slow` tool recorded (lib/testing/mcp-servers/fault-server.mjs writes one JSON
// line per step to FAULT_SERVER_LOG): a test's own calls, told apart by the tag in their arguments.

export interface SlowToolEntry {
  tag: string;
  event: "started" | "cancelled" | "finished";
  at: number;
}

export async function slowToolEntries(logPath: string, tag: string): Promise<SlowToolEntry[]> {
  const text = await readFile(logPath, "utf8");
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as SlowToolEntry)
    .filter((entry) => entry.tag === tag);
}
