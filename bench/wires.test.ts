import { describe, expect, it } from "vitest";
import { classifyBlock } from "./wires";

describe("classifyBlock", () => {
  it("counts our reasoning and message events as tokens, and knows done and error", () => {
    expect(classifyBlock("chat-events", 'id: 2\nevent: reasoning\ndata: {"content":"We"}')).toBe("token");
    expect(classifyBlock("chat-events", 'id: 3\nevent: message\ndata: {"content":"x"}')).toBe("token");
    expect(classifyBlock("chat-events", 'id: 1\nevent: start\ndata: {"model":"m"}')).toBe("other");
    expect(classifyBlock("chat-events", 'id: 9\nevent: error\ndata: {"message":"no"}')).toBe("error");
    expect(classifyBlock("chat-events", "event: done\ndata: [DONE]")).toBe("done");
    expect(classifyBlock("chat-events", ": ping")).toBe("other");
  });

  it("counts only non-empty OpenAI content or reasoning_content deltas", () => {
    const chunk = (delta: unknown) =>
      `data: ${JSON.stringify({ id: "x", choices: [{ index: 0, delta, finish_reason: null }] })}`;
    expect(classifyBlock("openai", chunk({ content: null, reasoning_content: "We" }))).toBe("token");
    expect(classifyBlock("openai", chunk({ content: "Hi", reasoning_content: null }))).toBe("token");
    expect(classifyBlock("openai", chunk({ role: "assistant", content: null, reasoning_content: "" }))).toBe(
      "other",
    );
    expect(classifyBlock("openai", chunk({ content: "", reasoning_content: null }))).toBe("other");
    expect(classifyBlock("openai", "data: [DONE]")).toBe("done");
    expect(classifyBlock("openai", ": keep-alive")).toBe("other");
  });

  it("counts the AI SDK's text and reasoning deltas", () => {
    expect(classifyBlock("ui-message", 'data: {"type":"text-delta","id":"0","delta":"x"}')).toBe("token");
    expect(classifyBlock("ui-message", 'data: {"type":"reasoning-delta","id":"r","delta":"x"}')).toBe(
      "token",
    );
    expect(classifyBlock("ui-message", 'data: {"type":"text-start","id":"0"}')).toBe("other");
    expect(classifyBlock("ui-message", 'data: {"type":"error","errorText":"boom"}')).toBe("error");
    expect(classifyBlock("ui-message", "data: [DONE]")).toBe("done");
  });
});
