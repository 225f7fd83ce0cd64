import { describe, expect, it } from "vitest";
import { pollUntil } from "@/lib/testing/poll-until";
import { MemoryStreamStore } from "./memory-stream-store";
import { readStreamSse } from "./read-stream";
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
