import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FixtureName, fixturePieces, loadFixture } from "./fixtures";
import { startUpstream, type Upstream } from "./server";
import { dataLines, MODEL, post, tools, user } from "./test-client";

let upstream: Upstream;
beforeAll(async () => {
  upstream = await startUpstream();
});
afterAll(() => upstream.close());
beforeEach(() => upstream.reset());

type Chunk = {
  id: string;
  created: number;
  choices: { delta: Record<string, unknown>; finish_reason: string | null }[];
  usage: Record<string, unknown> | null;
};

/** Each data line must be the recording's line with only id, created and model changed. */
function expectReplay(body: string, name: FixtureName): void {
  const fixture = loadFixture(name);
  const lines = dataLines(body);
  const first = JSON.parse(lines[0] ?? "{}") as Chunk;
  expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
  expect(first.id).not.toBe(fixture.id);
  expect(Math.abs(first.created - Date.now() / 1000)).toBeLessThan(5);
  const expected = fixture.lines.map((line) =>
    line
      .replace(`"id":"${fixture.id}"`, `"id":"${first.id}"`)
      .replace(`"created":${fixture.created}`, `"created":${first.created}`)
      .replace(`"model":"${fixture.model}"`, `"model":"${MODEL}"`),
  );
  expect(lines).toEqual(expected);
  expect(body.endsWith("data: [DONE]\n\n")).toBe(true);
}

describe("replayed recordings", () => {
  it("sends the reasoner recording byte for byte, with the real API's headers", async () => {
    const res = await post(upstream, user("How many r in strawberry?"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-cache");
    const body = await res.text();
    expect(body.split("\n\n").every((event) => event === "" || event.startsWith("data: "))).toBe(true);
    expectReplay(body, "v3.2-reasoner-text");
    expect(upstream.requests[0]).toMatchObject({
      scenario: "text",
      status: 200,
      thinking: true,
      authorized: true,
    });
    expect(upstream.requests[0]?.completedAt).toBeTypeOf("number");
  });

  it("replays the length recordings, thinking or not", async () => {
    expectReplay(await (await post(upstream, user("[[scenario:length]]"))).text(), "v4-pro-thinking-length");
    const off = user("[[scenario:length]]", { thinking: { type: "disabled" } });
    expectReplay(await (await post(upstream, off)).text(), "v3.2-chat-text-length");
  });

  it("answers without reasoning when thinking is disabled, in the chat model's delta shape", async () => {
    const res = await post(upstream, user("hi", { thinking: { type: "disabled" } }));
    const chunks = dataLines(await res.text()).map((line) => JSON.parse(line) as Chunk);
    const deltas = chunks.map((chunk) => chunk.choices[0]?.delta);
    expect(deltas[0]).toEqual({ role: "assistant", content: "" });
    expect(deltas.slice(1, -1).map((delta) => delta && Object.keys(delta))).toEqual(
      deltas.slice(1, -1).map(() => ["content"]),
    );
    expect(deltas.slice(1, -1).map((delta) => delta?.content)).toEqual(
      fixturePieces("v3.2-reasoner-text").content,
    );
    const last = chunks.at(-1);
    expect(last?.choices[0]).toMatchObject({ delta: { content: "" }, finish_reason: "stop" });
    expect(last?.usage).not.toHaveProperty("completion_tokens_details");
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
  });
});

describe("generated streams", () => {
  it("frame tool calls exactly like the recorded tool-call stream", async () => {
    const res = await post(upstream, user("[[scenario:tool]]", { tools: tools("get_stock_info") }));
    const lines = dataLines(await res.text());
    const chunks = lines.map((line) => JSON.parse(line) as Chunk);
    for (const line of lines) {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      expect(Object.keys(parsed)).toEqual([
        "id",
        "object",
        "created",
        "model",
        "system_fingerprint",
        "choices",
        "usage",
      ]);
      expect(Object.keys((parsed.choices as object[])[0] ?? {})).toEqual([
        "index",
        "delta",
        "logprobs",
        "finish_reason",
      ]);
    }
    const deltas = chunks.map((chunk) => chunk.choices[0]?.delta ?? {});
    expect(deltas[0]).toEqual({ role: "assistant", content: null, reasoning_content: "" });
    expect(deltas[1]).toEqual({ content: null, reasoning_content: expect.any(String) });
    const calls = deltas
      .filter((delta) => "tool_calls" in delta)
      .map((delta) => (delta.tool_calls as object[])[0] ?? {});
    expect(calls[0]).toEqual({
      index: 0,
      id: expect.stringMatching(/^call_00_[A-Za-z0-9]{24}$/),
      type: "function",
      function: { name: "get_stock_info", arguments: "" },
    });
    const pieces = calls
      .slice(1)
      .map((call) => (call as { function: { arguments: string } }).function.arguments);
    expect(calls.slice(1).every((call) => Object.keys(call).join() === "index,function")).toBe(true);
    expect(pieces).toEqual(["{", '"', "code", '"', ": ", '"', "600", "519", '"', "}"]);
    const last = chunks.at(-1);
    expect(last?.choices[0]).toMatchObject({
      delta: { content: "", reasoning_content: null },
      finish_reason: "tool_calls",
    });
    expect(Object.keys(last?.usage ?? {})).toEqual([
      "prompt_tokens",
      "completion_tokens",
      "total_tokens",
      "prompt_tokens_details",
      "completion_tokens_details",
      "prompt_cache_hit_tokens",
      "prompt_cache_miss_tokens",
    ]);
  });

  it("sends keep-alive comments before the first chunk", async () => {
    const body = await (
      await post(upstream, user('[[scenario:{"name":"keepalive","count":4,"intervalMs":10}]]'))
    ).text();
    expect(body.startsWith(`${": keep-alive\n\n".repeat(4)}data: {`)).toBe(true);
    expect(body.split(": keep-alive\n\n")).toHaveLength(5);
  });

  it("puts usage on an extra choices-less chunk for openai-usage", async () => {
    const lines = dataLines(await (await post(upstream, user("[[scenario:openai-usage]]"))).text());
    const chunks = lines.map((line) => JSON.parse(line) as Chunk);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe("stop");
    expect(chunks.at(-2)?.usage).toBeNull();
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(chunks.at(-1)?.usage).toMatchObject({
      prompt_tokens: expect.any(Number),
      completion_tokens: expect.any(Number),
    });
  });

  it("ends with [DONE] but no finish_reason for no-finish", async () => {
    const body = await (await post(upstream, user("[[scenario:no-finish]]"))).text();
    const chunks = dataLines(body).map((line) => JSON.parse(line) as Chunk);
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.every((chunk) => chunk.choices[0]?.finish_reason === null && chunk.usage === null)).toBe(
      true,
    );
    expect(body.endsWith("data: [DONE]\n\n")).toBe(true);
  });
});

describe("stream: false", () => {
  it("returns one chat.completion with the same content, reasoning and usage", async () => {
    const res = await post(upstream, { ...user("hi"), stream: false });
    expect(res.headers.get("content-type")).toBe("application/json");
    const body = (await res.json()) as Record<string, unknown>;
    const recorded = fixturePieces("v3.2-reasoner-text");
    expect(body).toMatchObject({
      object: "chat.completion",
      model: MODEL,
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: recorded.content.join(""),
            reasoning_content: recorded.reasoning.join(""),
          },
          finish_reason: "stop",
        },
      ],
      usage: recorded.usage,
    });
  });

  it("returns tool calls whole", async () => {
    const res = await post(upstream, {
      ...user("[[scenario:tool]]"),
      stream: false,
      tools: tools("get_stock_info"),
    });
    const body = (await res.json()) as {
      choices: { message: Record<string, unknown>; finish_reason: string }[];
    };
    expect(body.choices[0]?.finish_reason).toBe("tool_calls");
    expect(body.choices[0]?.message.tool_calls).toEqual([
      {
        id: expect.stringMatching(/^call_00_/),
        type: "function",
        function: { name: "get_stock_info", arguments: '{"code": "600519"}' },
      },
    ]);
  });
});
