import { describe, expect, it } from "vitest";
import { estimateTokens } from "@/lib/protocol/token-estimate";
import { ChatError } from "./chat-error";
import { checkFits, contextWindows, estimateRound } from "./context-window";

describe("the context window", () => {
  it("is 1M tokens for every model unless CONTEXT_WINDOW or CONTEXT_WINDOWS says otherwise", () => {
    const models = ["deepseek-flash", "deepseek-v4-pro", "qwen"];
    expect(contextWindows({}, models)).toEqual({
      "deepseek-flash": 1_000_000,
      "deepseek-v4-pro": 1_000_000,
      qwen: 1_000_000,
    });
    expect(
      contextWindows(
        { CONTEXT_WINDOW: "128000", CONTEXT_WINDOWS: " qwen = 32768, other=5000, deepseek-flash=x" },
        models,
      ),
    ).toEqual({ "deepseek-flash": 128_000, "deepseek-v4-pro": 128_000, qwen: 32_768 });
  });

  it("estimates tokens as DeepSeek's rule of thumb: 0.3 an English character, 0.6 a Chinese one", () => {
    expect(estimateTokens("")).toBe(0);
    expect(estimateTokens("a".repeat(1_000))).toBe(300);
    expect(estimateTokens("茅".repeat(1_000))).toBe(600);
    expect(estimateTokens("abc茅台")).toBe(Math.ceil(0.9 + 1.2));
  });

  it("counts every message's text, reasoning and tool calls, and the tools' definitions", () => {
    const estimate = estimateRound(
      [
        { role: "user", content: "a".repeat(100) },
        {
          role: "assistant",
          content: "",
          reasoning_content: "b".repeat(100),
          tool_calls: [{ id: "c1", type: "function", function: { name: "get", arguments: "c".repeat(97) } }],
        },
        { role: "tool", tool_call_id: "c1", content: "d".repeat(100) },
      ],
      50,
    );
    // 50 for the tools, 4 a message, and 30 for each 100 characters.
    expect(estimate).toBe(50 + 3 * 4 + 4 * 30);
  });

  it("refuses a round over the window with a sentence that says what to do", () => {
    expect(() => checkFits("deepseek-flash", 1_000, 1_000)).not.toThrow();
    const refusal = (() => {
      try {
        checkFits("deepseek-flash", 1_000, 1_234);
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(ChatError);
    expect(refusal).toMatchObject({ code: "context_too_long", status: 400 });
    expect((refusal as Error).message).toBe(
      "This conversation is too long for deepseek-flash: about 1,234 tokens, and the model reads at most 1,000. Start a new chat, or edit an earlier message to branch from there.",
    );
  });
});
