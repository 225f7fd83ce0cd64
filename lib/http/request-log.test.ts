import { describe, expect, it } from "vitest";
import type { ChatEvent } from "@/lib/protocol";
import { startChatLog } from "./request-log";

const chat = {
  messages: [{ role: "user" as const, content: "我的秘密问题 600519" }],
  thinking: true,
  stream: true,
  model: undefined,
  resumable: false,
  search: false,
};

const events: ChatEvent[] = [
  { event: "start", data: { model: "deepseek-flash", reasoning: "enabled" } },
  { event: "reasoning", data: { content: "想一想" } },
  {
    event: "tool_call",
    data: { id: "c1", type: "mcp", name: "get_stock_info", arguments: { code: "600519" } },
  },
  { event: "tool_result", data: { tool_call_id: "c1", error: "unreachable" } },
  { event: "message", data: { content: "秘密答案" } },
  {
    event: "end",
    data: {
      finish_reason: "stop",
      stats: {
        tool_calls: 1,
        tool_results: 1,
        tokens: { prompt: 10, completion: 5, total: 15 },
        timing_ms: { first_byte: 12, total: 40 },
      },
    },
  },
];

async function* from(list: ChatEvent[]) {
  yield* list;
}

describe("startChatLog", () => {
  it("writes one line with the outcome and costs, and never the prompt or the answer", async () => {
    const lines: string[] = [];
    const log = startChatLog(new Request("http://localhost/api/chat", { method: "POST" }), chat, (l) =>
      lines.push(l),
    );
    log.round();
    log.round();
    const seen = [];
    for await (const event of log.observe(from(events))) seen.push(event);
    expect(seen).toEqual(events);
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] ?? "{}");
    expect(line).toMatchObject({
      level: "info",
      msg: "chat",
      id: log.id,
      method: "POST",
      path: "/api/chat",
      model: "deepseek-flash",
      messages: 1,
      thinking: true,
      rounds: 2,
      tool_calls: 1,
      tool_errors: 1,
      tokens: { prompt: 10, completion: 5, total: 15 },
      first_byte_ms: 12,
      outcome: "stop",
    });
    expect(lines[0]).not.toMatch(/秘密|600519|想一想/);
  });

  it("records a client that went away", async () => {
    const lines: string[] = [];
    const log = startChatLog(new Request("http://localhost/api/chat"), chat, (l) => lines.push(l));
    for await (const event of log.observe(from(events))) if (event.event === "reasoning") break;
    expect(JSON.parse(lines[0] ?? "{}")).toMatchObject({
      outcome: "client_aborted",
      model: "deepseek-flash",
    });
  });
});
