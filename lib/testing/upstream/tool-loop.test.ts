import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MESSAGES } from "./errors";
import { startUpstream, type Upstream } from "./server";
import { type Accumulated, sdk, streamChat, tools } from "./test-client";

let upstream: Upstream;
let client: OpenAI;
beforeAll(async () => {
  upstream = await startUpstream();
  client = sdk(upstream);
});
afterAll(() => upstream.close());
beforeEach(() => upstream.reset());

const STOCK_TOOLS = tools("get_stock_info");
const RESULT = '{"price": 1680.5, "change": 1.2}';
const question = { role: "user", content: "贵州茅台现在多少钱？ [[scenario:tool]]" };

/** The assistant message a client sends back for a tool-call round. */
function assistantTurn(got: Accumulated, keepReasoning: boolean): Record<string, unknown> {
  return {
    role: "assistant",
    content: got.content,
    ...(keepReasoning ? { reasoning_content: got.reasoning } : {}),
    tool_calls: got.toolCalls.map((call) => ({
      id: call.id,
      type: "function",
      function: { name: call.name, arguments: call.arguments },
    })),
  };
}

async function firstRound(thinking: "enabled" | "disabled" = "enabled"): Promise<Accumulated> {
  const got = await streamChat(client, {
    messages: [question],
    tools: STOCK_TOOLS,
    thinking: { type: thinking },
  });
  expect(got.finishReason).toBe("tool_calls");
  expect(got.toolCalls).toEqual([
    { id: expect.stringMatching(/^call_00_/), name: "get_stock_info", arguments: '{"code": "600519"}' },
  ]);
  return got;
}

const toolResult = (got: Accumulated) => ({
  role: "tool",
  tool_call_id: got.toolCalls[0]?.id,
  content: RESULT,
});

describe("a two-round tool loop in thinking mode", () => {
  it("answers with the tool result when reasoning_content is passed back", async () => {
    const round0 = await firstRound();
    expect(round0.reasoning).not.toBe("");
    const messages = [question, assistantTurn(round0, true), toolResult(round0)];
    const round1 = await streamChat(client, { messages, tools: STOCK_TOOLS, thinking: { type: "enabled" } });
    expect(round1.finishReason).toBe("stop");
    expect(round1.reasoning).not.toBe("");
    expect(round1.content).toBe(`工具返回：${RESULT}`);
    expect(upstream.requests.map((r) => [r.round, r.status])).toEqual([
      [0, 200],
      [1, 200],
    ]);
    // The next user turn sends the whole history back, tool-call reasoning included: accepted.
    const next = [
      ...messages,
      { role: "assistant", content: round1.content, reasoning_content: round1.reasoning },
      { role: "user", content: "谢谢" },
    ];
    await expect(streamChat(client, { messages: next, tools: STOCK_TOOLS })).resolves.toMatchObject({
      finishReason: "stop",
    });
  });

  it("is a 400 with DeepSeek's message when reasoning_content is dropped", async () => {
    const round0 = await firstRound();
    const messages = [question, assistantTurn(round0, false), toolResult(round0)];
    const error = await streamChat(client, { messages, tools: STOCK_TOOLS }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).status).toBe(400);
    expect((error as Error).message).toContain(MESSAGES.reasoningNotPassedBack);
    expect(upstream.requests[1]).toMatchObject({ status: 400, error: MESSAGES.reasoningNotPassedBack });
  });

  it("still wants the old reasoning on the next user turn", async () => {
    const round0 = await firstRound();
    const later = [
      question,
      assistantTurn(round0, false),
      toolResult(round0),
      { role: "assistant", content: "1680.5 元" },
      { role: "user", content: "再查一次" },
    ];
    const error = await streamChat(client, { messages: later }).catch((e: unknown) => e);
    expect((error as Error).message).toContain(MESSAGES.reasoningNotPassedBack);
  });

  it("does not need reasoning_content when thinking is disabled", async () => {
    const round0 = await firstRound("disabled");
    expect(round0.reasoning).toBe("");
    const messages = [question, assistantTurn(round0, false), toolResult(round0)];
    const round1 = await streamChat(client, { messages, tools: STOCK_TOOLS, thinking: { type: "disabled" } });
    expect(round1.content).toBe(`工具返回：${RESULT}`);
  });

  it("answers a parallel round with every result it got back", async () => {
    const all = tools("get_current_time", "calculate", "get_stock_info");
    const ask = { role: "user", content: "[[scenario:parallel]]" };
    const round0 = await streamChat(client, { messages: [ask], tools: all });
    const results = round0.toolCalls.map((call, i) => ({
      role: "tool",
      tool_call_id: call.id,
      content: `result-${i}`,
    }));
    const round1 = await streamChat(client, {
      messages: [ask, assistantTurn(round0, true), ...results],
      tools: all,
    });
    expect(round1.content).toBe("工具返回：result-0；result-1；result-2");
  });
});

describe("tool message rules", () => {
  it("refuses a tool-call round with a missing result", async () => {
    const round0 = await streamChat(client, {
      messages: [{ role: "user", content: "[[scenario:parallel]]" }],
      tools: tools("get_current_time", "calculate", "get_stock_info"),
    });
    const partial = [
      { role: "user", content: "[[scenario:parallel]]" },
      assistantTurn(round0, true),
      { role: "tool", tool_call_id: round0.toolCalls[0]?.id, content: "x" },
    ];
    const error = await streamChat(client, { messages: partial }).catch((e: unknown) => e);
    expect((error as Error).message).toContain(MESSAGES.insufficientToolMessages);
  });

  it("refuses a tool message answering an unknown call id", async () => {
    const round0 = await firstRound();
    const wrong = [
      question,
      assistantTurn(round0, true),
      { role: "tool", tool_call_id: "call_00_nope", content: RESULT },
    ];
    const error = await streamChat(client, { messages: wrong }).catch((e: unknown) => e);
    expect((error as Error).message).toContain(MESSAGES.toolWithoutCalls);
  });

  it("refuses tool_choice required in thinking mode and allows it without", async () => {
    const params = { messages: [question], tools: STOCK_TOOLS, tool_choice: "required" };
    const error = await streamChat(client, params).catch((e: unknown) => e);
    expect((error as Error).message).toContain(MESSAGES.thinkingToolChoice);
    await expect(streamChat(client, { ...params, thinking: { type: "disabled" } })).resolves.toMatchObject({
      finishReason: "tool_calls",
    });
  });
});
