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
        search: false,
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
    [
      { messages: [{ role: "user", content: "x", parts: [{ type: "text", text: "t" }] }] },
      "messages[0].parts[0].type",
      "a user turn's parts are files",
    ],
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

describe("search (section 21)", () => {
  it("is off unless asked for, and must be a boolean", () => {
    const on = parseChatRequest({ prompt: "q", search: true });
    expect(on.ok && on.request.search).toBe(true);
    expect(parseChatRequest({ prompt: "q", search: "yes" })).toMatchObject({ ok: false, field: "search" });
    const stored = parseChatRequest({
      conversation: { id: "c", parent_id: null, message: { id: "m", content: "q" }, answer_id: "a" },
      search: true,
    });
    expect(stored.ok && stored.request.search).toBe(true);
  });

  it("is read from the query string of GET", () => {
    const parsed = parseChatQuery(new URLSearchParams({ prompt: "q", search: "1" }));
    expect(parsed.ok && parsed.request.search).toBe(true);
    expect(parseChatQuery(new URLSearchParams({ prompt: "q", search: "maybe" }))).toMatchObject({
      ok: false,
      field: "search",
    });
  });
});

describe("a request that names a stored conversation (section 10)", () => {
  const turn = { id: "c_1", parent_id: null, message: { id: "m_1", content: "Hi" }, answer_id: "m_2" };

  it("carries the turn, no messages, and is always a detached stream", () => {
    const parsed = parseChatRequest({ conversation: turn, stream: false });
    expect(parsed).toEqual({
      ok: true,
      request: {
        messages: [],
        thinking: true,
        stream: true,
        model: undefined,
        resumable: true,
        search: false,
        conversation: turn,
      },
    });
  });

  it("refuses messages or a prompt beside it, naming the field", () => {
    const forged = parseChatRequest({ conversation: turn, messages: [{ role: "user", content: "x" }] });
    expect(forged).toMatchObject({ ok: false, field: "messages" });
    expect(parseChatRequest({ conversation: turn, prompt: "x" })).toMatchObject({
      ok: false,
      field: "prompt",
    });
  });

  it("refuses an empty question, a regenerate with no parent, and odd ids", () => {
    const empty = { ...turn, message: { id: "m_1", content: "  " } };
    expect(parseChatRequest({ conversation: empty })).toMatchObject({
      ok: false,
      field: "conversation.message.content",
    });
    const { message: _m, ...regenerate } = turn;
    expect(parseChatRequest({ conversation: regenerate })).toMatchObject({
      ok: false,
      field: "conversation.parent_id",
    });
    expect(parseChatRequest({ conversation: { ...regenerate, parent_id: "m_0" } })).toMatchObject({
      ok: true,
    });
    expect(parseChatRequest({ conversation: { ...turn, id: "a b" } })).toMatchObject({
      ok: false,
      field: "conversation.id",
    });
    expect(parseChatRequest({ conversation: { ...turn, answer_id: "m_1" } })).toMatchObject({
      ok: false,
      field: "conversation.answer_id",
    });
  });
});

describe("the thinking effort (section 19)", () => {
  it("takes low, high or max, with a prompt, messages or a conversation, and in a GET", () => {
    for (const effort of ["low", "high", "max"] as const) {
      expect(parseChatRequest({ prompt: "hi", effort })).toMatchObject({ ok: true, request: { effort } });
    }
    const turn = { id: "c1", parent_id: null, message: { id: "m1", content: "hi" }, answer_id: "a1" };
    expect(parseChatRequest({ conversation: turn, effort: "max" })).toMatchObject({
      ok: true,
      request: { effort: "max", conversation: turn },
    });
    expect(parseChatQuery(new URLSearchParams("prompt=hi&effort=low"))).toMatchObject({
      ok: true,
      request: { effort: "low" },
    });
    const plain = parseChatRequest({ prompt: "hi" });
    expect(plain.ok && "effort" in plain.request).toBe(false);
  });

  it("refuses other values, and an effort with thinking off, naming the field", () => {
    expect(parseChatRequest({ prompt: "hi", effort: "medium" })).toEqual({
      ok: false,
      field: "effort",
      message: "effort: use low, high or max",
    });
    expect(parseChatRequest({ prompt: "hi", thinking: false, effort: "high" })).toEqual({
      ok: false,
      field: "effort",
      message: "effort: must be absent with thinking: false",
    });
    expect(parseChatQuery(new URLSearchParams("prompt=hi&thinking=0&effort=max"))).toMatchObject({
      ok: false,
      field: "effort",
    });
  });
});
