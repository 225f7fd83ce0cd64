import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { type FixtureName, fixturePieces, loadFixture } from "../testing/upstream/fixtures";
import { type RoundDelta, RoundParser } from "./round-parser";

// The parser on raw bytes: DeepSeek's recorded streams as they arrive on the wire (a keep-alive
// comment while queued, `data:` lines, `[DONE]`), whole and cut at awkward places.

const encoder = new TextEncoder();

function wire(name: FixtureName): Uint8Array {
  const lines = loadFixture(name).lines.map((line) => `data: ${line}\n\n`);
  return encoder.encode(`: keep-alive\n\n${lines.join("")}data: [DONE]\n\n`);
}

/** Every delta the pieces give, in order, and what the parser threw, if it did. */
function parse(pieces: Uint8Array[]): { deltas: RoundDelta[]; failure?: unknown } {
  const parser = new RoundParser(new Headers());
  const deltas: RoundDelta[] = [];
  try {
    for (const piece of pieces) {
      for (const delta of parser.feed(piece)) deltas.push(delta);
      if (parser.finished) break;
    }
    for (const delta of parser.end()) deltas.push(delta);
  } catch (failure) {
    return { deltas, failure };
  }
  return { deltas };
}

function cut(bytes: Uint8Array, at: number[]): Uint8Array[] {
  const bounds = [0, ...at, bytes.length];
  return bounds.slice(1).map((end, i) => bytes.slice(bounds[i], end));
}

const everyByte = (bytes: Uint8Array) => Array.from(bytes, (_, i) => bytes.slice(i, i + 1));

const texts = (deltas: RoundDelta[], type: "reasoning" | "text") =>
  deltas.flatMap((d) => (d.type === type ? [d.text] : []));

describe("RoundParser on DeepSeek's recorded streams", () => {
  it("turns a thinking answer into reasoning, then text, then the finish with usage", () => {
    const { deltas, failure } = parse([wire("v3.2-reasoner-text")]);
    expect(failure).toBeUndefined();
    const recorded = fixturePieces("v3.2-reasoner-text");
    expect(deltas[0]).toEqual({ type: "first_chunk" });
    expect(texts(deltas, "reasoning")).toEqual(recorded.reasoning);
    expect(texts(deltas, "text").join("")).toBe(recorded.content.join(""));
    const firstText = deltas.findIndex((d) => d.type === "text");
    expect(deltas.findLastIndex((d) => d.type === "reasoning")).toBeLessThan(firstText);
    expect(deltas.at(-1)).toEqual({
      type: "finish",
      finishReason: "stop",
      toolCalls: [],
      usage: { prompt: 18, completion: 219, total: 237, reasoning: 205, cached: 0 },
    });
  });

  it("assembles a tool call from its fragments and announces it before the finish", () => {
    const { deltas } = parse([wire("v3.2-reasoner-tool-call")]);
    const call = {
      index: 0,
      id: "call_00_ioIn7yN9p1ZOMNpDLwd4MgAF",
      name: "weather",
      argumentsText: '{"location": "San Francisco"}',
    };
    expect(deltas.slice(-2)).toEqual([
      { type: "tool_call", call },
      {
        type: "finish",
        finishReason: "tool_calls",
        toolCalls: [call],
        usage: { prompt: 339, completion: 83, total: 422, reasoning: 39, cached: 320 },
      },
    ]);
    expect(deltas.filter((d) => d.type === "tool_call")).toHaveLength(1);
  });

  it("reads V4's empty first reasoning_content as nothing and ends at the token limit", () => {
    const { deltas } = parse([wire("v4-pro-thinking-length")]);
    expect(deltas).toEqual([
      { type: "first_chunk" },
      { type: "reasoning", text: "We" },
      { type: "reasoning", text: " need" },
      {
        type: "finish",
        finishReason: "length",
        toolCalls: [],
        usage: { prompt: 87, completion: 2, total: 89, reasoning: 2, cached: 0 },
      },
    ]);
  });

  it("gives the same deltas fed one byte at a time", () => {
    for (const name of ["v3.2-reasoner-tool-call", "v4-pro-thinking-length"] as const) {
      const bytes = wire(name);
      expect(parse(everyByte(bytes))).toEqual(parse([bytes]));
    }
  });

  it("keeps a character whole when a read ends inside its UTF-8 bytes", () => {
    const bytes = wire("v3.2-chat-text-length");
    const dash = encoder.encode("—"); // three bytes in the recording's text
    const at = bytes.findIndex((_, i) => dash.every((b, j) => bytes[i + j] === b));
    expect(at).toBeGreaterThan(0);
    const whole = parse([bytes]);
    expect(texts(whole.deltas, "text").join("")).toContain("—");
    expect(parse(cut(bytes, [at + 1]))).toEqual(whole);
    expect(parse(cut(bytes, [at + 1, at + 2, at + 3]))).toEqual(whole);
    expect(whole.deltas.at(-1)).toEqual({
      type: "finish",
      finishReason: "length",
      toolCalls: [],
      usage: { prompt: 13, completion: 400, total: 413, cached: 0 },
    });
  });

  it("stops at [DONE]: bytes after it are not read", () => {
    const bytes = wire("v4-pro-thinking-length");
    const after = encoder.encode(
      `data: ${JSON.stringify({ choices: [{ delta: { content: "late" } }] })}\n\n`,
    );
    const { deltas } = parse([bytes, after]);
    expect(texts(deltas, "text")).toEqual([]);
  });
});

describe("RoundParser on broken streams", () => {
  const data = (chunk: object) => encoder.encode(`data: ${JSON.stringify(chunk)}\n\n`);
  const content = (text: string) => data({ choices: [{ delta: { content: text } }] });

  it("throws the provider's mid-stream error after the deltas before it", () => {
    const { deltas, failure } = parse([
      content("half"),
      data({ error: { message: "overloaded", type: "server_error" } }),
    ]);
    expect(deltas).toEqual([{ type: "first_chunk" }, { type: "text", text: "half" }]);
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect((failure as Error).message).toContain("overloaded");
  });

  it("hands out the text it held back, then says the stream ended too soon", () => {
    const { deltas, failure } = parse([content("<thi")]);
    expect(deltas).toEqual([{ type: "first_chunk" }, { type: "text", text: "<thi" }]);
    expect(failure).toMatchObject({ code: "provider_incomplete" });
  });

  it("says it cannot read data that is not JSON", () => {
    expect(parse([encoder.encode("data: {not json\n\n")]).failure).toMatchObject({ code: "provider_error" });
  });
});
