import { describe, expect, it } from "vitest";
import type { ChatEvent } from "@/lib/protocol/events";
import { ProtocolError, parseChatEvents } from "@/lib/protocol/sse-parser";
import { fixtureEvents, fixtureText } from "./test-support";

const encoder = new TextEncoder();

function bodyOf(text: string, pieceSize = Number.POSITIVE_INFINITY, onCancel?: () => void) {
  const bytes = encoder.encode(text);
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      const end = Math.min(bytes.length, offset + pieceSize);
      controller.enqueue(bytes.slice(offset, end));
      offset = end;
    },
    cancel: () => onCancel?.(),
  });
}

async function collect(body: ReadableStream<Uint8Array>): Promise<ChatEvent[]> {
  const events: ChatEvent[] = [];
  for await (const event of parseChatEvents(body)) events.push(event);
  return events;
}

describe("parseChatEvents as the browser uses it (no schemas)", () => {
  it("reads a real transcript exactly as the strict parser does, however it is split", async () => {
    const expected = await fixtureEvents("tool-round-trip.sse");
    expect(expected.length).toBeGreaterThan(100);
    for (const pieceSize of [1, 2, 7, 64, Number.POSITIVE_INFINITY]) {
      expect(await collect(bodyOf(fixtureText("tool-round-trip.sse"), pieceSize))).toEqual(expected);
    }
  });

  it("stops at done and closes the body", async () => {
    let cancelled = false;
    const text =
      'event: message\ndata: {"content":"a"}\n\nevent: done\ndata: [DONE]\n\nevent: message\ndata: {"content":"b"}\n\n';
    const events = await collect(
      bodyOf(text, 8, () => {
        cancelled = true;
      }),
    );
    expect(events).toEqual([{ event: "message", data: { content: "a" } }]);
    expect(cancelled).toBe(true);
  });

  it("skips comments, unknown events and payloads the reducer cannot use", async () => {
    const text = [
      ": ping\n\n",
      'event: surprise\ndata: {"x":1}\n\n',
      'event: message\ndata: {"content":""}\n\n',
      'event: tool_call\ndata: {"id":"c1","name":"x"}\n\n',
      'event: tool_result\ndata: {"tool_call_id":"c1","result":null}\n\n',
      'event: message\ndata: {"content":"ok"}\n\n',
    ].join("");
    expect(await collect(bodyOf(text))).toEqual([
      { event: "tool_result", data: { tool_call_id: "c1", result: null } },
      { event: "message", data: { content: "ok" } },
    ]);
  });

  it("yields what came before data that is not JSON, then throws", async () => {
    const seen: ChatEvent[] = [];
    const text = 'event: message\ndata: {"content":"a"}\n\nevent: message\ndata: {oops\n\n';
    await expect(async () => {
      for await (const event of parseChatEvents(bodyOf(text))) seen.push(event);
    }).rejects.toBeInstanceOf(ProtocolError);
    expect(seen).toEqual([{ event: "message", data: { content: "a" } }]);
  });
});
