import { readFileSync } from "node:fs";
import type { ChatEvent, EndData } from "@/lib/protocol/events";
import { parseEventData } from "@/lib/protocol/events";
import { parseChatEvents } from "@/lib/protocol/sse-parser";
import { reduceEvent } from "./reduce-event";
import type { UIMessage } from "./types";

// Shared by this folder's tests only (never imported by app code: it reads files with node:fs).

export const stats: EndData["stats"] = {
  tool_calls: 0,
  tool_results: 0,
  tokens: { prompt: 10, completion: 5, total: 15 },
  timing_ms: { first_byte: 12, total: 340 },
};

export const ev = {
  start: (reasoning: "enabled" | "disabled" = "enabled"): ChatEvent => ({
    event: "start",
    data: { model: "deepseek-flash", reasoning },
  }),
  reasoning: (content: string): ChatEvent => ({ event: "reasoning", data: { content } }),
  message: (content: string): ChatEvent => ({ event: "message", data: { content } }),
  toolCall: (id: string, name = "get_stock_info", extra: Record<string, unknown> = {}): ChatEvent => ({
    event: "tool_call",
    data: { id, type: "mcp", name, arguments: { code: "600519" }, ...extra },
  }),
  result: (id: string, result: unknown): ChatEvent => ({
    event: "tool_result",
    data: { tool_call_id: id, result },
  }),
  toolError: (id: string, error: string): ChatEvent => ({
    event: "tool_result",
    data: { tool_call_id: id, error },
  }),
  error: (message: string, finish_reason: EndData["finish_reason"] = "error", code?: string): ChatEvent => ({
    event: "error",
    data: code === undefined ? { finish_reason, message } : { finish_reason, message, code },
  }),
  end: (finish_reason: EndData["finish_reason"] = "stop"): ChatEvent => ({
    event: "end",
    data: { finish_reason, stats },
  }),
};

export function emptyAssistant(id = "a1"): UIMessage {
  return { id, role: "assistant", content: "", parts: [], createdAt: 0, status: "streaming" };
}

/** Reduces events in order, the clock reading 1, 2, 3… at each. */
export function reduceAll(events: ChatEvent[], message = emptyAssistant()): UIMessage {
  return events.reduce((m, event, i) => reduceEvent(m, event, i + 1), message);
}

export const fixtureText = (name: string): string =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8");

/** The recorded transcript's events, validated against the protocol's schemas. */
export async function fixtureEvents(name: string): Promise<ChatEvent[]> {
  const body = new Response(fixtureText(name)).body;
  if (!body) throw new Error("no body");
  const events: ChatEvent[] = [];
  for await (const event of parseChatEvents(body, { validate: parseEventData })) events.push(event);
  return events;
}
