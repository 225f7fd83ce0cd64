import { describe, expect, it } from "vitest";
import { finishMessage, reduceEvent, TOOL_UNFINISHED } from "./reduce-event";
import { emptyAssistant, ev, fixtureEvents, reduceAll, stats } from "./test-support";
import type { ToolPart } from "./types";

describe("reduceEvent, one event kind at a time", () => {
  it("start records the model and the reasoning mode", () => {
    const { status: _status, ...fresh } = emptyAssistant();
    const m = reduceEvent(fresh, ev.start("disabled"), 1);
    expect(m).toMatchObject({ model: "deepseek-flash", reasoning: "disabled", status: "streaming" });
  });

  it("reasoning appends to an open reasoning part and opens one otherwise", () => {
    const m = reduceAll([ev.reasoning("用户"), ev.reasoning("询问")]);
    expect(m.parts).toEqual([{ type: "reasoning", text: "用户询问", startedAt: 1 }]);
  });

  it("message closes reasoning, appends text and grows content", () => {
    const m = reduceAll([ev.reasoning("想"), ev.message("贵州"), ev.message("茅台")]);
    expect(m.parts).toEqual([
      { type: "reasoning", text: "想", startedAt: 1, endedAt: 2 },
      { type: "text", text: "贵州茅台" },
    ]);
    expect(m.content).toBe("贵州茅台");
  });

  it("tool_call closes reasoning and adds a pending tool part, keeping server and raw_arguments", () => {
    const m = reduceAll([
      ev.reasoning("查"),
      ev.toolCall("call_1", "get_stock_info", { server: "builtin", raw_arguments: '{"code":"6' }),
    ]);
    expect(m.parts).toEqual([
      { type: "reasoning", text: "查", startedAt: 1, endedAt: 2 },
      {
        type: "tool",
        id: "call_1",
        name: "get_stock_info",
        arguments: { code: "600519" },
        server: "builtin",
        raw_arguments: '{"code":"6',
        status: "pending",
        startedAt: 2,
      },
    ]);
  });

  it("tool_result finishes the matching call with its result or its error", () => {
    const ok = reduceAll([ev.toolCall("c1"), ev.result("c1", { price: 1680.5 })]);
    expect(ok.parts[0]).toMatchObject({
      status: "done",
      result: { price: 1680.5 },
      startedAt: 1,
      endedAt: 2,
    });
    const failed = reduceAll([ev.toolCall("c1"), ev.toolError("c1", "网络连接失败")]);
    expect(failed.parts[0]).toMatchObject({ status: "failed", error: "网络连接失败", endedAt: 2 });
    expect(failed.parts[0]).not.toHaveProperty("result");
  });

  it("ignores a tool_result for an unknown id, returning the same message", () => {
    const before = reduceAll([ev.toolCall("c1")]);
    expect(reduceEvent(before, ev.result("nope", 1), 9)).toBe(before);
    // and a second result for a finished call
    const done = reduceEvent(before, ev.result("c1", 1), 2);
    expect(reduceEvent(done, ev.toolError("c1", "late"), 3)).toBe(done);
  });

  it("error closes reasoning, adds an error part and records the error", () => {
    const m = reduceAll([ev.reasoning("r"), ev.error("API key is invalid", "error", "auth")]);
    expect(m.parts.at(-1)).toEqual({
      type: "error",
      message: "API key is invalid",
      code: "auth",
      finish_reason: "error",
    });
    expect(m.parts[0]).toMatchObject({ endedAt: 2 });
    expect(m.error).toEqual({ finish_reason: "error", message: "API key is invalid", code: "auth" });
  });

  it("end sets stats, finish reason and the final status", () => {
    expect(reduceAll([ev.message("x"), ev.end("stop")])).toMatchObject({
      status: "done",
      finishReason: "stop",
      stats,
    });
    expect(reduceAll([ev.end("error")]).status).toBe("error");
    expect(reduceAll([ev.end("cancelled")]).status).toBe("stopped");
    expect(reduceAll([ev.end("content_filter")]).status).toBe("done");
  });

  it("end fails tools that never got a result and closes open reasoning", () => {
    const m = reduceAll([
      ev.toolCall("c1"),
      ev.toolCall("c2"),
      ev.result("c2", "ok"),
      ev.reasoning("r"),
      ev.end(),
    ]);
    expect(m.parts[0]).toMatchObject({ status: "failed", error: TOOL_UNFINISHED, endedAt: 5 });
    expect(m.parts[1]).toMatchObject({ status: "done", endedAt: 3 });
    expect(m.parts[2]).toMatchObject({ type: "reasoning", startedAt: 4, endedAt: 5 });
  });
});

describe("reduceEvent over the orders PROTOCOL.md allows", () => {
  it("thinking on: reasoning, a tool round, reasoning again, then the answer", () => {
    const m = reduceAll([
      ev.start(), // 1
      ev.reasoning("用户询问"), // 2
      ev.reasoning("股票"), // 3
      ev.toolCall("call_1"), // 4
      ev.result("call_1", { price: 1680.5 }), // 5
      ev.reasoning("拿到结果"), // 6
      ev.message("贵州茅台"), // 7
      ev.message("1680.50元"), // 8
      ev.end(), // 9
    ]);
    expect(m.parts.map((p) => p.type)).toEqual(["reasoning", "tool", "reasoning", "text"]);
    expect(m.parts[0]).toEqual({ type: "reasoning", text: "用户询问股票", startedAt: 2, endedAt: 4 });
    expect(m.parts[1]).toMatchObject({ id: "call_1", status: "done", startedAt: 4, endedAt: 5 });
    // the second run of reasoning has its own times
    expect(m.parts[2]).toEqual({ type: "reasoning", text: "拿到结果", startedAt: 6, endedAt: 7 });
    expect(m).toMatchObject({ content: "贵州茅台1680.50元", status: "done", reasoning: "enabled" });
  });

  it("thinking off: text, a tool round, more text", () => {
    const m = reduceAll([
      ev.start("disabled"),
      ev.message("我查一下。"),
      ev.toolCall("c1"),
      ev.toolError("c1", "网络连接失败"),
      ev.message("工具失败了。"),
      ev.end(),
    ]);
    expect(m.parts.map((p) => p.type)).toEqual(["text", "tool", "text"]);
    expect(m.parts[1]).toMatchObject({ status: "failed", error: "网络连接失败" });
    expect(m.content).toBe("我查一下。工具失败了。");
    expect(m.status).toBe("done");
  });

  it("several calls in one round, their results in any order", () => {
    const m = reduceAll([
      ev.toolCall("a", "get_current_time"),
      ev.toolCall("b", "calculate"),
      ev.toolCall("c", "get_stock_info"),
      ev.result("c", 3),
      ev.toolError("a", "timeout"),
      ev.result("b", 2),
      ev.message("done"),
      ev.end(),
    ]);
    const tools = m.parts.filter((p): p is ToolPart => p.type === "tool");
    expect(tools.map((t) => [t.id, t.status, t.endedAt])).toEqual([
      ["a", "failed", 5],
      ["b", "done", 6],
      ["c", "done", 4],
    ]);
  });

  it("error then end: the answer ends as an error, with the reason shown", () => {
    const m = reduceAll([
      ev.message("部分"),
      ev.error("工具调用次数过多，已停止", "length"),
      ev.end("length"),
    ]);
    expect(m.parts.map((p) => p.type)).toEqual(["text", "error"]);
    expect(m).toMatchObject({ finishReason: "length", status: "done", error: { finish_reason: "length" } });
    const failed = reduceAll([ev.error("upstream failed"), ev.end("error")]);
    expect(failed.status).toBe("error");
  });

  it("end with length and no error keeps the text as it is", () => {
    const m = reduceAll([ev.message("cut off mid"), ev.end("length")]);
    expect(m.parts).toEqual([{ type: "text", text: "cut off mid" }]);
    expect(m).toMatchObject({ finishReason: "length", status: "done" });
  });

  it("reasoning after text starts a new reasoning part", () => {
    const m = reduceAll([ev.message("a"), ev.reasoning("b")]);
    expect(m.parts).toEqual([
      { type: "text", text: "a" },
      { type: "reasoning", text: "b", startedAt: 2 },
    ]);
  });

  it("reduces a real transcript of the tool scenario", async () => {
    const events = await fixtureEvents("tool-round-trip.sse");
    const m = reduceAll(events);
    expect(m.parts.map((p) => p.type)).toEqual(["reasoning", "tool", "reasoning", "text"]);
    const tool = m.parts[1] as ToolPart;
    expect(tool).toMatchObject({ name: "get_stock_info", server: "builtin", arguments: { code: "600519" } });
    expect(tool).toMatchObject({ status: "done", result: { code: "600519", name: "贵州茅台" } });
    const answer = events.flatMap((e) => (e.event === "message" ? [e.data.content] : [])).join("");
    expect(answer.length).toBeGreaterThan(20);
    expect(m.content).toBe(answer);
    expect(m.parts[3]).toEqual({ type: "text", text: answer });
    expect(m).toMatchObject({
      status: "done",
      finishReason: "stop",
      stats: { tool_calls: 1, tool_results: 1 },
    });
  });
});

describe("structural sharing", () => {
  it("keeps the identity of every part an event does not touch", () => {
    const before = reduceAll([ev.reasoning("r"), ev.toolCall("a"), ev.toolCall("b"), ev.message("x")]);
    const afterText = reduceEvent(before, ev.message("y"), 10);
    expect(afterText).not.toBe(before);
    expect(afterText.parts).not.toBe(before.parts);
    for (const i of [0, 1, 2]) expect(afterText.parts[i]).toBe(before.parts[i]);
    expect(afterText.parts[3]).not.toBe(before.parts[3]);
    expect(before.parts[3]).toEqual({ type: "text", text: "x" }); // the input is never mutated

    const afterResult = reduceEvent(afterText, ev.result("a", 1), 11);
    expect(afterResult.parts[1]).not.toBe(afterText.parts[1]);
    for (const i of [0, 2, 3]) expect(afterResult.parts[i]).toBe(afterText.parts[i]);
  });

  it("end leaves finished parts alone", () => {
    const before = reduceAll([ev.reasoning("r"), ev.toolCall("a"), ev.result("a", 1), ev.message("x")]);
    const after = reduceEvent(before, ev.end(), 10);
    expect(after.parts).toBe(before.parts);
  });
});

describe("finishMessage", () => {
  it("Stop mid-stream closes reasoning and fails pending tools, without an error part", () => {
    const streaming = reduceAll([
      ev.start(),
      ev.toolCall("c1"),
      ev.toolCall("c2"),
      ev.result("c1", 1),
      ev.reasoning("r"),
    ]);
    const stopped = finishMessage(streaming, "stopped", 100);
    expect(stopped.status).toBe("stopped");
    expect(stopped.parts.map((p) => p.type)).toEqual(["tool", "tool", "reasoning"]);
    expect(stopped.parts[0]).toBe(streaming.parts[0]);
    expect(stopped.parts[1]).toMatchObject({ status: "failed", error: TOOL_UNFINISHED, endedAt: 100 });
    expect(stopped.parts[2]).toMatchObject({ endedAt: 100 });
    expect(stopped.error).toBeUndefined();
  });

  it("a lost connection adds an error part", () => {
    const m = finishMessage(reduceAll([ev.message("half")]), "interrupted", 5, {
      message: "The connection was lost.",
      code: "connection_lost",
    });
    expect(m.status).toBe("interrupted");
    expect(m.parts.at(-1)).toEqual({
      type: "error",
      message: "The connection was lost.",
      code: "connection_lost",
      finish_reason: "error",
    });
    expect(m.error).toMatchObject({ message: "The connection was lost." });
  });

  it("leaves a message that already ended alone", () => {
    const done = reduceAll([ev.message("x"), ev.end()]);
    expect(finishMessage(done, "stopped", 9)).toBe(done);
  });
});
