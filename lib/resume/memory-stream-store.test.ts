import { describe, expect, it } from "vitest";
import type { ChatEvent } from "@/lib/protocol";
import { MemoryStreamStore } from "./memory-stream-store";
import { StreamStoreFull } from "./stream-store";
import { CONTRACT_LIMITS, describeStreamStore } from "./stream-store.contract";

describeStreamStore("MemoryStreamStore", async (limits) => new MemoryStreamStore(limits));

const text = (content: string): ChatEvent => ({ event: "message", data: { content } });

describe("MemoryStreamStore bounds", () => {
  it("makes room by evicting the oldest finished stream, and refuses when every stream is live", async () => {
    let now = 0;
    const store = new MemoryStreamStore({ ...CONTRACT_LIMITS, maxStreams: 3 }, () => now);
    for (const id of ["a", "b", "c"]) {
      await store.create(id);
      now += 10;
    }
    await store.finish("b");
    now += 10;
    await store.finish("a");
    await store.create("d");
    expect(await store.status("b")).toBeUndefined();
    expect(await store.status("a")).toBe("finished");
    await store.create("e");
    expect(await store.status("a")).toBeUndefined();
    await expect(store.create("f")).rejects.toBeInstanceOf(StreamStoreFull);
    expect(store.usage.streams).toBe(3);
    await store.close();
  });

  it("holds all streams' bytes under the total bound, finished ones going first", async () => {
    const store = new MemoryStreamStore({ ...CONTRACT_LIMITS, maxTotalBytes: 10_000, maxStreamBytes: 8_000 });
    await store.create("old");
    for (let n = 0; n < 20; n++) await store.append("old", text("x".repeat(100)));
    await store.finish("old");
    await store.create("live");
    for (let n = 0; n < 60; n++) await store.append("live", text("y".repeat(100)));
    expect(store.usage.bytes).toBeLessThanOrEqual(10_000);
    expect(await store.status("old")).toBeUndefined();
    expect(await store.status("live")).toBe("live");
    await store.close();
  });
});
