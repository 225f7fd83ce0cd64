import { describe, expect, it } from "vitest";
import { type ChatEvent, parseEventData } from "./events";
import { DONE_EVENT, encodeEvent, encodeFrame, PING_COMMENT, toSseStream } from "./sse-encoder";
import { ProtocolError, parseChatEvents, parseSseStream } from "./sse-parser";

const encoder = new TextEncoder();
const strict = { validate: parseEventData };

const endEvent: ChatEvent = {
  event: "end",
  data: {
    finish_reason: "stop",
    stats: {
      tool_calls: 1,
      tool_results: 1,
      tokens: { prompt: 234, completion: 156, total: 390 },
      timing_ms: { first_byte: 120, total: 2850 },
    },
  },
};

const sample: ChatEvent[] = [
  { event: "start", data: { model: "deepseek-flash", reasoning: "enabled" } },
  { event: "reasoning", data: { content: "用户询问股票600519..." } },
  {
    event: "tool_call",
    data: { id: "call_1", type: "mcp", name: "get_stock_info", arguments: { code: "600519" } },
  },
  { event: "tool_result", data: { tool_call_id: "call_1", result: { price: 1680.5, change: 1.2 } } },
  { event: "message", data: { content: "贵州茅台当前价格为1680.50元 🚀\nline two" } },
  endEvent,
];

async function* fromArray<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

function streamOf(text: string, pieceSize: number): ReadableStream<Uint8Array> {
  const bytes = encoder.encode(text);
  return new ReadableStream({
    start(controller) {
      for (let i = 0; i < bytes.length; i += pieceSize) controller.enqueue(bytes.slice(i, i + pieceSize));
      controller.close();
    },
  });
}

describe("encodeEvent", () => {
  it("writes id, event and one-line compact JSON exactly as PROTOCOL.md shows", () => {
    expect(encodeEvent(7, { event: "message", data: { content: "根据最新数据" } })).toBe(
      'id: 7\nevent: message\ndata: {"content":"根据最新数据"}\n\n',
    );
    expect(encodeEvent(9, endEvent)).toBe(
      'id: 9\nevent: end\ndata: {"finish_reason":"stop","stats":{"tool_calls":1,"tool_results":1,"tokens":{"prompt":234,"completion":156,"total":390},"timing_ms":{"first_byte":120,"total":2850}}}\n\n',
    );
  });

  it("keeps data on one line whatever the text holds", () => {
    const line = encodeEvent(1, { event: "message", data: { content: "a\nb\r\nc\u2028d" } });
    expect(line.split("\n").filter((l) => l.startsWith("data: "))).toHaveLength(1);
    expect(line.trimEnd().split("\n")).toHaveLength(3);
  });
});

describe("encodeFrame", () => {
  it("writes a kept event's JSON as encodeEvent writes the event", () => {
    const event: ChatEvent = { event: "message", data: { content: "根据最新数据" } };
    expect(encodeFrame("message", JSON.stringify(event.data), 7)).toBe(encodeEvent(7, event));
  });

  it("leaves the id line out when there is no id", () => {
    expect(encodeFrame("error", '{"finish_reason":"error","message":"gone"}')).toBe(
      'event: error\ndata: {"finish_reason":"error","message":"gone"}\n\n',
    );
  });
});

describe("toSseStream", () => {
  it("numbers events from 1 and ends with done", async () => {
    const text = await readAll(toSseStream(fromArray(sample)));
    const expected = sample.map((event, i) => encodeEvent(i + 1, event)).join("") + DONE_EVENT;
    expect(text).toBe(expected);
  });

  it("sends a ping comment after silence, and nothing else changes", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    async function* slow(): AsyncGenerator<ChatEvent> {
      yield sample[0] as ChatEvent;
      await gate;
      yield endEvent;
    }
    const reader = toSseStream(slow(), { pingIntervalMs: 20 }).getReader();
    const decoder = new TextDecoder();
    const first = await reader.read();
    expect(decoder.decode(first.value)).toBe(encodeEvent(1, sample[0] as ChatEvent));
    const second = await reader.read();
    expect(decoder.decode(second.value)).toBe(PING_COMMENT);
    release();
    let rest = "";
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += decoder.decode(r.value);
    expect(rest.replaceAll(PING_COMMENT, "")).toBe(encodeEvent(2, endEvent) + DONE_EVENT);
  });

  it("sends no ping while events keep coming, however long the answer", async () => {
    async function* steady(): AsyncGenerator<ChatEvent> {
      // 400 ms of events 5 ms apart, against a 200 ms ping interval.
      for (let i = 0; i < 80; i++) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        yield sample[0] as ChatEvent;
      }
      yield endEvent;
    }
    const text = await readAll(toSseStream(steady(), { pingIntervalMs: 200 }));
    expect(text).not.toContain(PING_COMMENT);
    expect(text.endsWith(encodeEvent(81, endEvent) + DONE_EVENT)).toBe(true);
  });

  it("does not run the loop ahead of a reader that does not read", async () => {
    let pulled = 0;
    async function* endless(): AsyncGenerator<ChatEvent> {
      for (;;) {
        pulled++;
        yield { event: "message", data: { content: "x" } };
      }
    }
    const reader = toSseStream(endless()).getReader();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const ahead = pulled;
    expect(ahead).toBeLessThanOrEqual(2);
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(pulled).toBe(ahead + 1);
    await reader.cancel();
  });

  it("errors the stream when the loop throws, after what it sent before", async () => {
    async function* failing(): AsyncGenerator<ChatEvent> {
      yield sample[0] as ChatEvent;
      throw new Error("bug");
    }
    const reader = toSseStream(failing()).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe(encodeEvent(1, sample[0] as ChatEvent));
    await expect(reader.read()).rejects.toThrow("bug");
  });

  it("aborts the loop and closes its iterator when the reader cancels", async () => {
    const abort = new AbortController();
    let closed = false;
    async function* endless(): AsyncGenerator<ChatEvent> {
      try {
        for (;;) yield { event: "message", data: { content: "x" } };
      } finally {
        closed = true;
      }
    }
    const reader = toSseStream(endless(), { abort }).getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    expect(abort.signal.aborted).toBe(true);
    expect(closed).toBe(true);
  });
});

describe("parseSseStream", () => {
  const wire = sample.map((event, i) => encodeEvent(i + 1, event)).join("") + PING_COMMENT + DONE_EVENT;

  it.each([1, 2, 3, 5, 7, 64, 4096])(
    "round-trips the stream cut into %i-byte pieces (UTF-8 split anywhere)",
    async (size) => {
      const items = [];
      for await (const item of parseSseStream(streamOf(wire, size), strict)) items.push(item);
      expect(
        items.filter((i) => i.kind === "event").map((i) => (i.kind === "event" ? i.event : null)),
      ).toEqual(sample);
      expect(items.filter((i) => i.kind === "event").map((i) => (i.kind === "event" ? i.id : null))).toEqual([
        1, 2, 3, 4, 5, 6,
      ]);
      expect(items.at(-1)).toEqual({ kind: "done" });
      expect(items).toContainEqual({ kind: "comment", text: "ping" });
    },
  );

  it("accepts CRLF line endings and ignores unknown events", async () => {
    const crlf = `event: surprise\r\ndata: {}\r\n\r\n${encodeEvent(1, sample[0] as ChatEvent).replaceAll("\n", "\r\n")}`;
    const events = [];
    for await (const event of parseChatEvents(streamOf(crlf, 3))) events.push(event);
    expect(events).toEqual([sample[0]]);
  });

  it("stops at done even if more bytes follow", async () => {
    const text = `${encodeEvent(1, sample[0] as ChatEvent)}${DONE_EVENT}${encodeEvent(2, endEvent)}`;
    const items = [];
    for await (const item of parseSseStream(streamOf(text, 4096))) items.push(item.kind);
    expect(items).toEqual(["event", "done"]);
  });

  it("rejects a payload that breaks the schema, naming the event", async () => {
    const bad = 'event: tool_result\ndata: {"tool_call_id":"c","result":1,"error":"x"}\n\n';
    await expect(async () => {
      for await (const _ of parseSseStream(streamOf(bad, 10), strict));
    }).rejects.toThrow(ProtocolError);
    const notJson = "event: message\ndata: {oops\n\n";
    await expect(async () => {
      for await (const _ of parseSseStream(streamOf(notJson, 10), strict));
    }).rejects.toThrow(/message.*not JSON/);
  });

  it("drops an event cut off before its blank line, as EventSource does", async () => {
    const text = encodeEvent(1, sample[0] as ChatEvent) + encodeEvent(2, sample[1] as ChatEvent).trimEnd();
    const events = [];
    for await (const event of parseChatEvents(streamOf(text, 5))) events.push(event);
    expect(events).toEqual([sample[0]]);
  });

  it("by default skips events a client cannot use instead of failing the stream", async () => {
    const text = [
      'event: message\ndata: {"content":""}\n\n',
      'event: tool_call\ndata: {"id":"c1","name":"x"}\n\n',
      'event: tool_result\ndata: {"tool_call_id":"c1","result":null}\n\n',
      'event: message\ndata: {"content":"ok"}\n\n',
    ].join("");
    const events = [];
    for await (const event of parseChatEvents(streamOf(text, 3))) events.push(event);
    expect(events).toEqual([
      { event: "tool_result", data: { tool_call_id: "c1", result: null } },
      { event: "message", data: { content: "ok" } },
    ]);
  });
});
