import { describe, expect, it } from "vitest";
import { pollUntil } from "@/lib/testing/poll-until";
import { MemoryStreamStore } from "./memory-stream-store";
import { readStreamSse } from "./read-stream";
import type { ReadBatch } from "./stream-store";
import { CONTRACT_LIMITS } from "./stream-store.contract";

// A reader's slot (reader-slots.ts) is given back through onClose: it must fire once, whichever
// way the reader ends, or a client would lose slots for good.

async function liveStream(store: MemoryStreamStore, id: string) {
  await store.create(id, "me");
  await store.append(id, { event: "message", data: { content: "hi" } });
}

describe("readStreamSse's onClose", () => {
  it("fires once when the answer ends, after its frames and `done`", async () => {
    const store = new MemoryStreamStore(CONTRACT_LIMITS);
    await liveStream(store, "s");
    await store.finish("s");
    let closed = 0;
    const text = await new Response(readStreamSse(store, "s", 0, { onClose: () => closed++ })).text();
    expect(text).toBe('id: 1\nevent: message\ndata: {"content":"hi"}\n\nevent: done\ndata: [DONE]\n\n');
    expect(closed).toBe(1);
    await store.close();
  });

  it("fires once when the client cancels the body while the answer is live", async () => {
    const store = new MemoryStreamStore(CONTRACT_LIMITS);
    await liveStream(store, "s");
    let closed = 0;
    const reader = readStreamSse(store, "s", 0, { onClose: () => closed++ }).getReader();
    await reader.read();
    await reader.cancel();
    expect(
      await pollUntil(
        async () => closed,
        (n) => n > 0,
        Date.now() + 1_000,
      ),
    ).toBe(1);
    await store.close();
    expect(closed).toBe(1);
  });

  it("fires when the request is aborted before anyone reads the body", async () => {
    const store = new MemoryStreamStore(CONTRACT_LIMITS);
    await liveStream(store, "s");
    const request = new AbortController();
    let closed = 0;
    readStreamSse(store, "s", 0, { signal: request.signal, onClose: () => closed++ });
    expect(closed).toBe(0);
    request.abort();
    expect(closed).toBe(1);
    let already = 0;
    readStreamSse(store, "s", 0, { signal: request.signal, onClose: () => already++ });
    expect(already).toBe(1);
    await store.close();
  });
});

// The notices are not events of the answer: no `id:` line, so a re-attaching client's
// Last-Event-ID stays where its data stopped. These are the bytes on the wire, to the letter.
const NO_STATS_END =
  'event: end\ndata: {"finish_reason":"error","stats":{"tool_calls":0,"tool_results":0,' +
  '"tokens":{"prompt":0,"completion":0,"total":0},"timing_ms":{"first_byte":null,"total":0}}}\n\n';
const DONE = "event: done\ndata: [DONE]\n\n";

/** A store whose reader gets the events it has, then hears that the running instance died. */
class LostStore extends MemoryStreamStore {
  override async *read(): AsyncGenerator<ReadBatch, void> {
    yield [{ id: 1, event: "message", data: '{"content":"hi"}' }];
    yield [
      { id: 2, event: "message", data: '{"content":"there"}' },
      { gone: "lost", firstKept: 1 },
    ];
  }
}

describe("readStreamSse's frames", () => {
  it("ends a reader whose events were evicted with an error and an end, neither with an id", async () => {
    const store = new MemoryStreamStore({ ...CONTRACT_LIMITS, maxStreamBytes: 200 });
    await store.create("s", "me");
    for (const content of ["a1", "b2", "c3"])
      await store.append("s", { event: "message", data: { content } });
    const text = await new Response(readStreamSse(store, "s", 0)).text();
    expect(text).toBe(
      'event: error\ndata: {"finish_reason":"error","code":"stream_evicted","message":"This answer\'s events ' +
        "before #2 are no longer kept (RESUME_MAX_STREAM_BYTES, RESUME_TTL_S); send the question again for a " +
        'full answer."}\n\n' +
        NO_STATS_END +
        DONE,
    );
    await store.close();
  });

  it("sends the events before a lost notice, then the notice as an error and an end", async () => {
    const store = new LostStore(CONTRACT_LIMITS);
    const text = await new Response(readStreamSse(store, "s", 0)).text();
    expect(text).toBe(
      'id: 1\nevent: message\ndata: {"content":"hi"}\n\n' +
        'id: 2\nevent: message\ndata: {"content":"there"}\n\n' +
        'event: error\ndata: {"finish_reason":"error","code":"stream_lost","message":"The server running ' +
        'this answer stopped before it finished; send the question again."}\n\n' +
        NO_STATS_END +
        DONE,
    );
    await store.close();
  });
});
