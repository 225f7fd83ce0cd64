import { describe, expect, it } from "vitest";
import { locate, parseMarker } from "./marker";

describe("parseMarker", () => {
  it("reads a bare name anywhere in the text", () => {
    expect(parseMarker("查询一下 [[scenario:tool]] 谢谢")).toEqual({
      name: "tool",
      params: {},
      raw: "[[scenario:tool]]",
    });
    expect(parseMarker("[[scenario:429]]")?.name).toBe("429");
  });

  it("reads a JSON spec even when it contains `]]` itself", () => {
    const text =
      'go [[scenario:{"name":"tools","rounds":[[{"name":"echo","arguments":{"message":"hi]]"}}]]}]] now';
    const spec = parseMarker(text);
    expect(spec?.name).toBe("tools");
    expect(spec?.params).toEqual({ rounds: [[{ name: "echo", arguments: { message: "hi]]" } }]] });
    expect(spec?.raw.endsWith("}]]")).toBe(true);
  });

  it("returns null without a marker and throws on a broken one", () => {
    expect(parseMarker("just a question")).toBeNull();
    expect(() => parseMarker("[[scenario:{not json}]]")).toThrow();
    expect(() => parseMarker('[[scenario:{"rounds":[]}]]')).toThrow(/name/);
    expect(() => parseMarker("[[scenario:tool")).toThrow(/unterminated/);
  });
});

describe("locate", () => {
  const call = { id: "call_00_x", type: "function", function: { name: "get_stock_info", arguments: "{}" } };

  it("counts assistant messages after the last user message as the round", () => {
    const first = locate([
      { role: "user", content: "old turn [[scenario:parallel]]" },
      { role: "assistant", content: "old answer" },
      { role: "user", content: "[[scenario:tool]]" },
    ]);
    expect(first.spec?.name).toBe("tool");
    expect(first.round).toBe(0);

    const second = locate([
      { role: "user", content: "[[scenario:tool]]" },
      { role: "assistant", content: "", reasoning_content: "r", tool_calls: [call] },
      { role: "tool", tool_call_id: "call_00_x", content: "price 1680.5" },
    ]);
    expect(second.round).toBe(1);
    expect(second.toolResults).toEqual(["price 1680.5"]);
  });

  it("reads markers from content parts and keys retries of one turn alike", () => {
    const messages = [{ role: "user", content: [{ type: "text", text: "[[scenario:429]]" }] }];
    expect(locate(messages).spec?.name).toBe("429");
    expect(locate(messages).conversationKey).toBe(locate(structuredClone(messages)).conversationKey);
    expect(locate([{ role: "user", content: "other [[scenario:429]]" }]).conversationKey).not.toBe(
      locate(messages).conversationKey,
    );
  });
});
