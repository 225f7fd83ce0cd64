import { describe, expect, it } from "vitest";
import type { Stats } from "@/lib/protocol/events";
import { conversationSpend } from "./conversation-spend";

function answer(
  id: string,
  prompt: number,
  cached: number | undefined,
  usd?: number,
): {
  id: string;
  role: "assistant";
  stats: Stats;
} {
  return {
    id,
    role: "assistant",
    stats: {
      tool_calls: 0,
      tool_results: 0,
      tokens: { prompt, completion: 10, total: prompt + 10, ...(cached === undefined ? {} : { cached }) },
      timing_ms: { first_byte: 5, total: 50 },
      ...(usd === undefined ? {} : { cost: { usd, cny: usd * 7, as_of: "2026-11-15" } }),
    },
  };
}

describe("conversationSpend", () => {
  it("sums every answer of the path and of the other branches once", () => {
    const question = { id: "q", role: "user" as const };
    const path = [question, answer("a2", 1_000, 900, 0.002)];
    const tree = [question, answer("a1", 1_000, 100, 0.001), answer("a2", 1_000, 900, 0.002)];
    const spend = conversationSpend(path, tree);
    expect(spend?.answers).toBe(2);
    expect(spend?.cost?.usd).toBeCloseTo(0.003, 12);
    expect(spend?.cost?.cny).toBeCloseTo(0.021, 12);
    expect(spend?.cacheHitShare).toBeCloseTo(0.5, 12);
  });

  it("prefers the live path's copy of a message over the tree's", () => {
    const live = answer("a", 100, 50, 0.5);
    const stale = { id: "a", role: "assistant" as const };
    expect(conversationSpend([live], [stale])?.cost?.usd).toBe(0.5);
  });

  it("has no cost when no answer had a price, and nothing before the first answer ends", () => {
    expect(conversationSpend([answer("a", 100, undefined)])).toEqual({ answers: 1 });
    expect(conversationSpend([{ id: "q", role: "user" }])).toBeUndefined();
  });
});
