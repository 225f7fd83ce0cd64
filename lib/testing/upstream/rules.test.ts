import { describe, expect, it } from "vitest";
import { MESSAGES } from "./errors";
import { validateChatRequest } from "./rules";
import { DEFAULT_MODELS, DEFAULT_VISION_MODELS } from "./server";

const call = (id: string, name = "get_stock_info") => ({
  id,
  type: "function",
  function: { name, arguments: "{}" },
});
const tool = (name: string) => ({ type: "function", function: { name } });

function errorOf(body: Record<string, unknown>): string | null {
  const result = validateChatRequest({ model: "deepseek-flash", ...body }, DEFAULT_MODELS);
  return "error" in result ? result.error : null;
}

const question = { role: "user", content: "股价？" };
const askedTool = (extra: Record<string, unknown> = {}) => ({
  role: "assistant",
  content: "",
  tool_calls: [call("c1")],
  ...extra,
});

describe("validateChatRequest", () => {
  it("accepts a plain request and reads DeepSeek's defaults", () => {
    const result = validateChatRequest({ model: "deepseek-v4-flash", messages: [question] }, DEFAULT_MODELS);
    expect(result).toMatchObject({ model: "deepseek-v4-flash", thinking: true, stream: false });
    const off = validateChatRequest(
      { model: "deepseek-flash", messages: [question], thinking: { type: "disabled" }, stream: true },
      DEFAULT_MODELS,
    );
    expect(off).toMatchObject({ thinking: false, stream: true });
  });

  it("rejects unknown models, missing fields, empty messages and unknown roles", () => {
    expect(errorOf({ model: "deepseek-chat", messages: [question] })).toBe(MESSAGES.modelNotExist);
    expect(errorOf({})).toMatch(/missing field `messages`/);
    expect(errorOf({ messages: [] })).toMatch(/empty/);
    expect(errorOf({ messages: [{ role: "developer", content: "x" }] })).toMatch(
      /unknown variant `developer`/,
    );
    expect(errorOf({ messages: [question], thinking: { type: "auto" } })).toMatch(/thinking\.type/);
  });

  it("wants assistant content as a string, or null only beside tool calls", () => {
    expect(errorOf({ messages: [question, { role: "assistant", content: null }, question] })).toBe(
      MESSAGES.assistantNeedsContent,
    );
    expect(errorOf({ messages: [question, { role: "assistant" }, question] })).toBe(
      MESSAGES.assistantNeedsContent,
    );
    expect(
      errorOf({
        messages: [question, { role: "assistant", content: [{ type: "text", text: "x" }] }, question],
      }),
    ).toMatch(/expected a string/);
    const withNull = [
      question,
      askedTool({ content: null, reasoning_content: "r" }),
      { role: "tool", tool_call_id: "c1", content: "1" },
    ];
    expect(errorOf({ messages: withNull })).toBeNull();
  });

  it("in thinking mode, wants reasoning_content back on every assistant message that called tools", () => {
    const loop = [question, askedTool(), { role: "tool", tool_call_id: "c1", content: "1680" }];
    expect(errorOf({ messages: loop })).toBe(MESSAGES.reasoningNotPassedBack);
    expect(errorOf({ messages: loop, thinking: { type: "enabled" } })).toBe(MESSAGES.reasoningNotPassedBack);
    expect(errorOf({ messages: loop, thinking: { type: "disabled" } })).toBeNull();
    const kept = [
      question,
      askedTool({ reasoning_content: "" }),
      { role: "tool", tool_call_id: "c1", content: "1680" },
    ];
    expect(errorOf({ messages: [...kept, { role: "assistant", content: "ok" }, question] })).toBeNull();
    // Reasoning of a turn without tool calls may be dropped.
    expect(errorOf({ messages: [question, { role: "assistant", content: "hi" }, question] })).toBeNull();
  });

  it("pairs tool messages with the calls of the assistant message before them", () => {
    const asked = askedTool({ reasoning_content: "r", tool_calls: [call("c1"), call("c2")] });
    const answer = (id: string) => ({ role: "tool", tool_call_id: id, content: "x" });
    expect(errorOf({ messages: [question, asked, answer("c1"), answer("c2")] })).toBeNull();
    expect(errorOf({ messages: [question, asked, answer("c1")] })).toBe(MESSAGES.insufficientToolMessages);
    expect(errorOf({ messages: [question, asked, answer("c1"), question] })).toBe(
      MESSAGES.insufficientToolMessages,
    );
    expect(errorOf({ messages: [question, asked, answer("c1"), answer("c9")] })).toBe(
      MESSAGES.toolWithoutCalls,
    );
    expect(errorOf({ messages: [question, answer("c1")] })).toBe(MESSAGES.toolWithoutCalls);
    expect(errorOf({ messages: [question, asked, answer("c1"), answer("c2"), answer("c2")] })).toBe(
      MESSAGES.toolWithoutCalls,
    );
  });

  it("takes reasoning_effort as DeepSeek does: low, high, max and the names it maps", () => {
    for (const effort of ["low", "high", "max", "medium", "xhigh"]) {
      expect(errorOf({ messages: [question], reasoning_effort: effort })).toBeNull();
    }
    expect(errorOf({ messages: [question], reasoning_effort: "extreme" })).toBe(
      MESSAGES.deserialize(
        "reasoning_effort: unknown variant `extreme`, expected one of `low`, `high`, `max`",
      ),
    );
  });

  it("refuses forced tool_choice in thinking mode only", () => {
    const base = { messages: [question], tools: [tool("get_stock_info")] };
    expect(errorOf({ ...base, tool_choice: "required" })).toBe(MESSAGES.thinkingToolChoice);
    const named = { type: "function", function: { name: "get_stock_info" } };
    expect(errorOf({ ...base, tool_choice: named })).toBe(MESSAGES.thinkingToolChoice);
    expect(errorOf({ ...base, tool_choice: "auto" })).toBeNull();
    expect(errorOf({ ...base, tool_choice: "required", thinking: { type: "disabled" } })).toBeNull();
  });

  it("checks the tools list: at most 128, type function, names that match the pattern", () => {
    const many = Array.from({ length: 129 }, (_, i) => tool(`t${i}`));
    expect(errorOf({ messages: [question], tools: many })).toBe(MESSAGES.tooManyTools(129));
    expect(errorOf({ messages: [question], tools: many.slice(0, 128) })).toBeNull();
    expect(errorOf({ messages: [question], tools: [tool("ok"), tool("fs.read")] })).toBe(
      MESSAGES.toolNamePattern(1),
    );
    expect(errorOf({ messages: [question], tools: [tool("x".repeat(65))] })).toBe(
      MESSAGES.toolNameLength(0, 65),
    );
    expect(errorOf({ messages: [question], tools: [{ type: "retrieval" }] })).toMatch(/tools\[0\]\.type/);
    expect(errorOf({ messages: [question], tools: [{ type: "function", function: {} }] })).toMatch(/name/);
  });
});

describe("validateChatRequest: images (PROTOCOL.md section 20)", () => {
  const png = { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } };
  const turn = (content: unknown[]) => ({ messages: [{ role: "user", content }] });
  const check = (model: string, content: unknown[]) => {
    const result = validateChatRequest({ model, ...turn(content) }, DEFAULT_MODELS, DEFAULT_VISION_MODELS);
    return "error" in result ? result.error : null;
  };

  it("takes text and image_url parts for a model that reads images", () => {
    expect(check("deepseek-flash", [{ type: "text", text: "这是什么?" }, png])).toBeNull();
    expect(check("deepseek-flash", [png])).toBeNull();
  });

  it("refuses them, as the provider does, for a text-only model", () => {
    expect(check("deepseek-v4-pro", [{ type: "text", text: "这是什么?" }, png])).toBe(
      MESSAGES.deserialize("messages[0].content: unknown variant `image_url`, expected `text`"),
    );
  });

  it("refuses an image that is not a data URL of the four formats", () => {
    const bmp = { type: "image_url", image_url: { url: "data:image/bmp;base64,Qk0=" } };
    expect(check("deepseek-flash", [bmp])).toMatch(/^Invalid image in messages\[0\]/);
    const remote = { type: "image_url", image_url: { url: "https://example.com/a.png" } };
    expect(check("deepseek-flash", [remote])).toMatch(/^Invalid image in messages\[0\]/);
  });

  it("still checks the messages after a turn with images", () => {
    const result = validateChatRequest(
      {
        model: "deepseek-flash",
        messages: [
          { role: "user", content: [png] },
          { role: "wizard", content: "" },
        ],
      },
      DEFAULT_MODELS,
      DEFAULT_VISION_MODELS,
    );
    expect(result).toMatchObject({ error: expect.stringContaining("messages[1].role") });
  });
});
