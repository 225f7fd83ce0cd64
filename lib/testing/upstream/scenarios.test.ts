import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fixturePieces } from "./fixtures";
import { startUpstream, type Upstream } from "./server";
import { sdk, streamChat, tools } from "./test-client";

let upstream: Upstream;
let client: OpenAI;
beforeAll(async () => {
  upstream = await startUpstream();
  client = sdk(upstream);
});
afterAll(() => upstream.close());
beforeEach(() => upstream.reset());

const recorded = fixturePieces("v3.2-reasoner-text");
const ask = (text: string, extra: Record<string, unknown> = {}) => ({
  messages: [{ role: "user", content: text }],
  ...extra,
});
const marker = (spec: Record<string, unknown>) => `[[scenario:${JSON.stringify(spec)}]]`;

describe("text scenarios through the openai SDK", () => {
  it("streams the recorded reasoning, then the answer, with DeepSeek usage", async () => {
    const got = await streamChat(client, ask("strawberry?", { thinking: { type: "enabled" } }));
    expect(got.reasoning).toBe(recorded.reasoning.join(""));
    expect(got.content).toBe(recorded.content.join(""));
    expect(got.finishReason).toBe("stop");
    expect(got.usage).toEqual(recorded.usage);
    expect(got.chunks.every((chunk) => chunk.model === "deepseek-v4-pro")).toBe(true);
  });

  it("takes replacement texts and drops reasoning when thinking is off", async () => {
    const spec = marker({ name: "text", reasoning: "想一想。", text: "你好，世界！ Hello there." });
    const on = await streamChat(client, ask(spec));
    expect(on).toMatchObject({
      reasoning: "想一想。",
      content: "你好，世界！ Hello there.",
      finishReason: "stop",
    });
    const off = await streamChat(client, ask(spec, { thinking: { type: "disabled" } }));
    expect(off).toMatchObject({ reasoning: "", content: "你好，世界！ Hello there." });
    expect(off.usage).not.toHaveProperty("completion_tokens_details");
  });

  it("finishes with length", async () => {
    expect((await streamChat(client, ask("[[scenario:length]]"))).finishReason).toBe("length");
  });

  it("finishes overloaded answers with insufficient_system_resource", async () => {
    const got = await streamChat(client, ask("[[scenario:overloaded]]"));
    expect(got.finishReason).toBe("insufficient_system_resource");
    expect(got.content).toBe(recorded.content.slice(0, 4).join(""));
  });

  it("puts reasoning in delta.reasoning for reasoning-field", async () => {
    const got = await streamChat(client, ask("[[scenario:reasoning-field]]"));
    expect(got).toMatchObject({
      reasoning: "",
      reasoningField: recorded.reasoning.join(""),
      content: recorded.content.join(""),
    });
  });

  it("inlines reasoning in <think> tags split across chunks for think-tags", async () => {
    const got = await streamChat(client, ask("[[scenario:think-tags]]"));
    expect(got.reasoning).toBe("");
    expect(got.content).toBe(`<think>${recorded.reasoning.join("")}</think>\n\n${recorded.content.join("")}`);
    const pieces = got.chunks.map((chunk) => chunk.choices[0]?.delta.content);
    expect(pieces.slice(1, 3)).toEqual(["<thi", "nk>"]);
  });

  it("paces chunks for slow", async () => {
    const started = Date.now();
    const stamps: number[] = [];
    const stream = await client.chat.completions.create({
      model: "deepseek-v4-pro",
      stream: true,
      messages: [
        { role: "user", content: marker({ name: "slow", delayMs: 60, reasoning: "a b", text: "c d" }) },
      ],
    });
    for await (const _chunk of stream) stamps.push(Date.now() - started);
    expect(stamps).toHaveLength(6);
    for (let i = 1; i < stamps.length; i++)
      expect((stamps[i] ?? 0) - (stamps[i - 1] ?? 0)).toBeGreaterThanOrEqual(40);
  });
});

describe("bulk", () => {
  it("sends exactly `bytes` of answer in pieces of `pieceBytes`, each labelled with its offset", async () => {
    const got = await streamChat(client, ask(marker({ name: "bulk", bytes: 10_000, pieceBytes: 4096 })));
    expect(got.content).toHaveLength(10_000);
    const pieces = got.chunks.map((chunk) => chunk.choices[0]?.delta.content).filter((piece) => piece);
    expect(pieces.map((piece) => piece?.length)).toEqual([4096, 4096, 1808]);
    expect(pieces.map((piece) => piece?.slice(0, 7))).toEqual(["[0]....", "[4096].", "[8192]."]);
    expect(got.reasoning).toBe("A bulk answer.");
    expect(got.finishReason).toBe("stop");
  });

  it("refuses pieces too small to carry their label", async () => {
    const error = await streamChat(client, ask(marker({ name: "bulk", pieceBytes: 4 }))).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as Error).message).toMatch(/pieceBytes >= 16/);
  });
});

describe("tool scenarios", () => {
  it("calls three tools in one round for parallel", async () => {
    const got = await streamChat(
      client,
      ask("[[scenario:parallel]]", { tools: tools("get_current_time", "calculate", "get_stock_info") }),
    );
    expect(got.finishReason).toBe("tool_calls");
    expect(got.reasoning).not.toBe("");
    expect(got.toolCalls.map((call) => [call.name, JSON.parse(call.arguments)])).toEqual([
      ["get_current_time", { timezone: "Asia/Shanghai" }],
      ["calculate", { expression: "2*(3+4)" }],
      ["get_stock_info", { code: "600519" }],
    ]);
    expect(got.toolCalls.map((call) => call.id.slice(0, 8))).toEqual(["call_00_", "call_01_", "call_02_"]);
  });

  it("sends truncated arguments for bad-args", async () => {
    const got = await streamChat(client, ask("[[scenario:bad-args]]", { tools: tools("get_stock_info") }));
    expect(got.toolCalls[0]?.arguments).toBe('{"code": "600519"');
    expect(() => JSON.parse(got.toolCalls[0]?.arguments ?? "")).toThrow();
  });

  it("keeps calling for endless, whatever the round", async () => {
    const call = {
      id: "call_00_a",
      type: "function",
      function: { name: "get_current_time", arguments: "{}" },
    };
    const messages = [
      { role: "user", content: "[[scenario:endless]]" },
      { role: "assistant", content: "", reasoning_content: "r", tool_calls: [call] },
      { role: "tool", tool_call_id: "call_00_a", content: "12:00" },
    ];
    const got = await streamChat(client, { messages, tools: tools("get_current_time") });
    expect(got.toolCalls.map((c) => c.name)).toEqual(["get_current_time"]);
    expect(upstream.requests[0]?.round).toBe(1);
  });

  it("runs a scripted tools marker: several rounds, raw arguments, then the given text", async () => {
    const spec = marker({
      name: "tools",
      rounds: [
        [{ name: "echo", arguments: { message: "hi" } }],
        [{ name: "echo", raw_arguments: '{"message":' }],
      ],
      text: "done",
    });
    const first = await streamChat(client, ask(spec, { tools: tools("echo") }));
    expect(first.toolCalls[0]).toMatchObject({ name: "echo", arguments: '{"message": "hi"}' });
    const roundTwo = [
      { role: "user", content: spec },
      {
        role: "assistant",
        content: "",
        reasoning_content: first.reasoning,
        tool_calls: [
          {
            id: first.toolCalls[0]?.id,
            type: "function",
            function: { name: "echo", arguments: '{"message": "hi"}' },
          },
        ],
      },
      { role: "tool", tool_call_id: first.toolCalls[0]?.id, content: "hi" },
    ];
    const second = await streamChat(client, { messages: roundTwo, tools: tools("echo") });
    expect(second.toolCalls[0]?.arguments).toBe('{"message":');
  });

  it("says a tool is missing instead of calling a tool the request did not offer", async () => {
    const got = await streamChat(client, ask("[[scenario:parallel]]", { tools: tools("calculate") }));
    expect(got.toolCalls).toEqual([]);
    expect(got.finishReason).toBe("stop");
    expect(got.content).toContain("Tool not available: get_current_time, get_stock_info");
    const none = await streamChat(client, ask("[[scenario:tool]]"));
    expect(none.content).toContain("Tool not available: get_stock_info");
  });

  it("refuses unknown scenarios so a typo cannot pass as `text`", async () => {
    const error = await streamChat(client, ask("[[scenario:tols]]")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as Error).message).toMatch(/unknown scenario "tols"/);
  });
});
