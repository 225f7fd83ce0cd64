import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { ChatError } from "./chat-error";
import { type Chunk, ChunkReader } from "./chunk-reader";
import { IdleWatchdog } from "./idle-watchdog";
import { type RoundDelta, readRound } from "./provider";

// The provider body reader on its own: what docs/PROVIDER.md (section 3) says a DeepSeek stream holds, cut into
// arbitrary pieces. The scripted-upstream tests (run-agent.test.ts) cover it end to end.

function body(pieces: string[]): Response {
  const encoder = new TextEncoder();
  return new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const piece of pieces) controller.enqueue(encoder.encode(piece));
        controller.close();
      },
    }),
  );
}

const encoder = new TextEncoder();

/** Everything a reader hands out for these pieces of a body, and what it failed with. */
function feedAll(pieces: (string | Uint8Array)[]): { chunks: Chunk[]; failure: unknown } {
  const reader = new ChunkReader(new Headers());
  const chunks: Chunk[] = [];
  for (const piece of pieces) {
    chunks.push(...reader.feed(typeof piece === "string" ? encoder.encode(piece) : piece));
    if (reader.finished || reader.failure !== undefined) break;
  }
  return { chunks, failure: reader.failure };
}

async function deltas(response: Response, idle = new IdleWatchdog(60_000)): Promise<RoundDelta[]> {
  const all: RoundDelta[] = [];
  for await (const delta of readRound(response, idle)) all.push(delta);
  return all;
}

const delta = (content: string) => `data: ${JSON.stringify({ choices: [{ delta: { content } }] })}\n\n`;
const finish = `data: ${JSON.stringify({ choices: [{ delta: {}, finish_reason: "stop" }], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } })}\n\n`;

describe("ChunkReader", () => {
  it("parses data lines split anywhere, skips keep-alive comments, and stops at [DONE]", () => {
    const wire = `: keep-alive\n\n${delta("贵州")}${delta("茅台")}data: [DONE]\n\n${delta("after")}`;
    const pieces = [wire.slice(0, 5), wire.slice(5, 23), wire.slice(23, 24), wire.slice(24)];
    const { chunks } = feedAll(pieces);
    expect(chunks.map((c) => c.choices?.[0]?.delta?.content)).toEqual(["贵州", "茅台"]);
  });

  it("keeps a multi-byte character split across reads whole", () => {
    const bytes = encoder.encode(delta("茅"));
    const cut = bytes.indexOf(0xe8) + 1; // inside the character's three bytes
    const { chunks } = feedAll([bytes.slice(0, cut), bytes.slice(cut)]);
    expect(chunks[0]?.choices?.[0]?.delta?.content).toBe("茅");
  });

  it("turns an error object mid-stream into the SDK's APIError, after the chunks before it", () => {
    const { chunks, failure } = feedAll([
      `${delta("half")}data: {"error":{"message":"overloaded","type":"server_error"}}\n\n`,
    ]);
    expect(chunks).toHaveLength(1);
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect((failure as Error).message).toContain("overloaded");
  });

  it("says it cannot read data that is not JSON", () => {
    expect(feedAll(["data: {not json\n\n"]).failure).toBeInstanceOf(ChatError);
  });
});

describe("readRound", () => {
  it("turns a body into deltas: first chunk, reasoning, text, finish with usage", async () => {
    const reasoning = `data: ${JSON.stringify({ choices: [{ delta: { reasoning_content: "hm" } }] })}\n\n`;
    const all = await deltas(body([reasoning, delta("Hi"), finish, "data: [DONE]\n\n"]));
    expect(all).toEqual([
      { type: "first_chunk" },
      { type: "reasoning", text: "hm" },
      { type: "text", text: "Hi" },
      { type: "finish", finishReason: "stop", toolCalls: [], usage: { prompt: 3, completion: 2, total: 5 } },
    ]);
  });

  it("throws the provider's mid-stream error after the deltas before it", async () => {
    const all: RoundDelta[] = [];
    const failure = await (async () => {
      try {
        for await (const d of readRound(
          body([delta("half"), 'data: {"error":{"message":"overloaded"}}\n\n']),
          new IdleWatchdog(60_000),
        ))
          all.push(d);
      } catch (error) {
        return error;
      }
    })();
    expect(all).toEqual([{ type: "first_chunk" }, { type: "text", text: "half" }]);
    expect(failure).toBeInstanceOf(OpenAI.APIError);
  });

  it("says the answer is incomplete when the body ends without a finish reason", async () => {
    await expect(deltas(body([delta("cut")]))).rejects.toMatchObject({ code: "provider_incomplete" });
  });

  it("touches the watchdog on every read, keep-alives included", async () => {
    let touches = 0;
    const idle = new IdleWatchdog(60_000);
    idle.touch = () => {
      touches++;
    };
    await deltas(body([": keep-alive\n\n", ": keep-alive\n\n", delta("a"), finish]), idle);
    expect(touches).toBe(4);
  });
});
