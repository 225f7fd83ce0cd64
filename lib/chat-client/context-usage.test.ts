import { describe, expect, it } from "vitest";
import type { Stats } from "@/lib/protocol/events";
import { IMAGE_TOKENS } from "@/lib/protocol/token-estimate";
import { conversationContext } from "./context-usage";
import type { UIMessage } from "./types";

const stats = (prompt: number, completion: number, context?: number): Stats => ({
  tool_calls: 0,
  tool_results: 0,
  tokens: { prompt, completion, total: prompt + completion },
  timing_ms: { first_byte: 1, total: 2 },
  ...(context === undefined ? {} : { context_tokens: context }),
});

const message = (role: UIMessage["role"], content: string, extra: Partial<UIMessage> = {}): UIMessage => ({
  id: `${role}-${content.length}-${Math.random()}`,
  role,
  content,
  parts: [],
  createdAt: 0,
  ...extra,
});

describe("conversationContext", () => {
  it("starts from the last finished answer's context and adds what was said after it", () => {
    const messages = [
      message("user", "q1"),
      message("assistant", "a1", { status: "done", stats: stats(100, 50, 160) }),
      message("user", "a".repeat(100)),
    ];
    // 160 from the provider, then 4 + 30 for the question of 100 English characters.
    expect(conversationContext(messages)).toBe(160 + 34);
  });

  it("leaves a streaming answer out, so the figure holds still while it streams", () => {
    const base = [
      message("user", "q"),
      message("assistant", "x", { status: "done", stats: stats(10, 5, 15) }),
    ];
    const streaming = message("assistant", "growing text", { status: "streaming" });
    expect(conversationContext([...base, streaming])).toBe(15);
    expect(conversationContext([...base, { ...streaming, content: "much more growing text" }])).toBe(15);
  });

  it("falls back to prompt + completion for answers saved before context_tokens, and estimates without any", () => {
    expect(conversationContext([message("assistant", "", { stats: stats(300, 20) })])).toBe(320);
    expect(conversationContext([message("user", "茅".repeat(10))])).toBe(4 + 6);
    expect(conversationContext([])).toBe(0);
  });
});

describe("stats stored by another version, or damaged", () => {
  it("are estimated past instead of throwing", () => {
    const odd = message("assistant", "a".repeat(10), { stats: { usage: "newer" } as unknown as Stats });
    expect(conversationContext([odd])).toBe(4 + 3);
  });
});

describe("a question's images", () => {
  const image = {
    type: "image" as const,
    name: "a.png",
    media_type: "image/png" as const,
    size: 3,
    data: "AAAA",
  };

  it("count a fixed figure each while the model reads images, nothing when it does not", () => {
    const messages = [message("user", "", { parts: [image, image] })];
    expect(conversationContext(messages)).toBe(4 + 2 * IMAGE_TOKENS);
    expect(conversationContext(messages, false)).toBe(4);
  });
});
