import { describe, expect, it } from "vitest";
import { parseChatQuery, parseChatRequest, parseResumePoint } from "./request";

describe("parseChatRequest", () => {
  it("takes a prompt with the protocol's defaults", () => {
    expect(parseChatRequest({ prompt: "分析一下 600519" })).toEqual({
      ok: true,
      request: {
        messages: [{ role: "user", content: "分析一下 600519" }],
        thinking: true,
        stream: true,
        model: undefined,
        resumable: false,
      },
    });
  });

  it("takes a conversation with assistant parts", () => {
    const result = parseChatRequest({
      messages: [
        { role: "user", content: "q" },
        {
          role: "assistant",
          content: "a",
          parts: [
            { type: "reasoning", text: "r" },
            { type: "tool", id: "c", name: "t", arguments: { x: 1 }, result: { y: 2 } },
            { type: "text", text: "a" },
          ],
        },
        { role: "user", content: "again" },
      ],
      thinking: false,
      stream: false,
    });
    expect(result.ok).toBe(true);
  });

  it.each([
    [null, "body", "JSON object"],
    [[1], "body", "JSON object"],
    [{}, "prompt", "exactly one of prompt or messages"],
    [{ prompt: "a", messages: [{ role: "user", content: "b" }] }, "prompt", "exactly one"],
    [{ prompt: "   " }, "prompt", "must not be empty"],
    [{ prompt: 42 }, "prompt", ""],
    [{ prompt: "a", thinking: "yes" }, "thinking", ""],
    [{ prompt: "a", stream: 1 }, "stream", ""],
    [{ messages: [] }, "messages", "must not be empty"],
    [{ messages: [{ role: "robot", content: "x" }] }, "messages[0].role", ""],
    [{ messages: [{ role: "user", content: 5 }] }, "messages[0].content", ""],
    [
      { messages: [{ role: "assistant", content: "x" }] },
      "messages[0].role",
      "last message must be the user's",
    ],
    [{ messages: [{ role: "user", content: "x", parts: [] }] }, "messages[0].parts", "only assistant"],
    [
      {
        messages: [
          { role: "assistant", content: "x", parts: [{ type: "tool", id: "c", name: "t", arguments: {} }] },
          { role: "user", content: "y" },
        ],
      },
      "messages[0].parts[0]",
      "exactly one of result or error",
    ],
    [
      {
        messages: [
          { role: "assistant", content: "x", parts: [{ type: "picture", text: "" }] },
          { role: "user", content: "y" },
        ],
      },
      "messages[0].parts[0].type",
      "",
    ],
    [
      {
        messages: [
          {
            role: "assistant",
            content: "x",
            parts: [
              {
                type: "tool",
                id: "c",
                name: "t",
                arguments: {},
                result: JSON.parse(`${"[".repeat(65)}${"]".repeat(65)}`),
              },
            ],
          },
          { role: "user", content: "y" },
        ],
      },
      "messages[0].parts[0].result",
      "nested deeper than 64 levels",
    ],
  ])("rejects %j naming %s", (body, field, words) => {
    const result = parseChatRequest(body);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.field).toBe(field);
    expect(result.message.startsWith(`${field}: `) || field === "body").toBe(true);
    expect(result.message).toContain(words);
  });
});

describe("parseChatQuery", () => {
  it.each([
    ["prompt=hi", true],
    ["prompt=hi&thinking=false", false],
    ["prompt=hi&thinking=0", false],
    ["prompt=hi&thinking=1", true],
    ["prompt=hi&thinking=TRUE", true],
  ])("%s → thinking %s", (query, thinking) => {
    const result = parseChatQuery(new URLSearchParams(query));
    expect(result).toMatchObject({ ok: true, request: { thinking, stream: true } });
  });

  it.each([
    ["", "prompt"],
    ["thinking=true", "prompt"],
    ["prompt=hi&thinking=maybe", "thinking"],
    ["prompt=", "prompt"],
  ])("rejects %j naming %s", (query, field) => {
    expect(parseChatQuery(new URLSearchParams(query))).toMatchObject({ ok: false, field });
  });
});

describe("parseResumePoint", () => {
  it("reads Last-Event-ID first, then ?after, else starts from the beginning", () => {
    expect(parseResumePoint("17", "5")).toEqual({ ok: true, value: 17 });
    expect(parseResumePoint(null, "5")).toEqual({ ok: true, value: 5 });
    expect(parseResumePoint(null, null)).toEqual({ ok: true, value: 0 });
    expect(parseResumePoint("", null)).toEqual({ ok: true, value: 0 });
  });

  it("names the field that is not an event id", () => {
    expect(parseResumePoint("abc", null)).toEqual({
      ok: false,
      message: "Last-Event-ID: expected the id of an event (a whole number ≥ 0), got 'abc'",
    });
    expect(parseResumePoint(null, "-1")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^after: /),
    });
    expect(parseResumePoint(null, "1e3")).toMatchObject({ ok: false });
  });
});
