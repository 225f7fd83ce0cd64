import { describe, expect, it } from "vitest";
import { parseChatRequest } from "@/lib/protocol/request";
import { finishMessage } from "./reduce-event";
import { ev, fixtureEvents, reduceAll } from "./test-support";
import { TOOL_NOT_FINISHED, toRequestMessages } from "./to-request-messages";
import type { UIMessage } from "./types";

const user = (content: string, id = content): UIMessage => ({
  id,
  role: "user",
  content,
  parts: [],
  createdAt: 0,
});

describe("toRequestMessages", () => {
  it("round-trips a real tool transcript into a request the server accepts", async () => {
    const answer = reduceAll(await fixtureEvents("tool-round-trip.sse"));
    const messages = toRequestMessages([user("分析一下 600519"), answer]);
    const parsed = parseChatRequest({ messages: [...messages, { role: "user", content: "next" }] });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const assistant = parsed.request.messages[1];
    expect(assistant).toMatchObject({ role: "assistant", content: answer.content });
    expect(assistant?.parts?.map((p) => p.type)).toEqual(["reasoning", "tool", "reasoning", "text"]);
    expect(assistant?.parts?.[1]).toMatchObject({
      type: "tool",
      name: "get_stock_info",
      server: "builtin",
      arguments: { code: "600519" },
      result: { code: "600519", name: "贵州茅台" },
    });
    // UI-only fields stay home
    expect(assistant?.parts?.[0]).toEqual({
      type: "reasoning",
      text: (answer.parts[0] as { text: string }).text,
    });
    expect(assistant?.parts?.[1]).not.toHaveProperty("status");
    expect(assistant?.parts?.[1]).not.toHaveProperty("startedAt");
  });

  it("sends a failed tool with its error and an unfinished one with a stand-in error", () => {
    const stopped = finishMessage(
      reduceAll([
        ev.toolCall("a", "calculate", { raw_arguments: "{bad" }),
        ev.toolError("a", "bad arguments"),
        ev.toolCall("b"),
        ev.message("partial"),
      ]),
      "stopped",
      10,
    );
    const neverFinished = reduceAll([ev.toolCall("c")]); // as if stored mid-stream without finishMessage
    const messages = toRequestMessages([user("q1"), stopped, user("q2"), neverFinished, user("q3")]);
    expect(messages[1]?.parts).toEqual([
      {
        type: "tool",
        id: "a",
        name: "calculate",
        arguments: { code: "600519" },
        raw_arguments: "{bad",
        error: "bad arguments",
      },
      {
        type: "tool",
        id: "b",
        name: "get_stock_info",
        arguments: { code: "600519" },
        error: expect.any(String),
      },
      { type: "text", text: "partial" },
    ]);
    expect(messages[3]?.parts).toEqual([
      {
        type: "tool",
        id: "c",
        name: "get_stock_info",
        arguments: { code: "600519" },
        error: TOOL_NOT_FINISHED,
      },
    ]);
    expect(parseChatRequest({ messages }).ok).toBe(true);
  });

  it("drops error parts, and answers with neither text nor tools, keeping both user turns", () => {
    const failedEarly = finishMessage(reduceAll([ev.start(), ev.reasoning("hmm")]), "error", 5, {
      message: "HTTP 500",
    });
    const errored = reduceAll([ev.message("so far"), ev.error("upstream failed"), ev.end("error")]);
    const messages = toRequestMessages([user("q1"), failedEarly, user("q2"), errored, user("q3")]);
    expect(messages).toEqual([
      { role: "user", content: "q1" },
      { role: "user", content: "q2" },
      { role: "assistant", content: "so far", parts: [{ type: "text", text: "so far" }] },
      { role: "user", content: "q3" },
    ]);
    const parsed = parseChatRequest({ messages });
    expect(parsed.ok).toBe(true);
  });

  it("sends the user's text as typed", () => {
    expect(toRequestMessages([user("  多行\n文本 ")])).toEqual([{ role: "user", content: "  多行\n文本 " }]);
  });
});
