import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import type { ChatEvent } from "@/lib/protocol";
import { describeApprovalStore } from "./approval-store.contract";
import { MemoryStreamStore } from "./memory-stream-store";
import { OwnerRunsFull, StreamStoreFull } from "./stream-store";
import { CONTRACT_LIMITS, describeStreamStore } from "./stream-store.contract";

describeStreamStore("MemoryStreamStore", async (limits) => new MemoryStreamStore(limits));
describeApprovalStore("MemoryStreamStore", async (limits) => new MemoryStreamStore(limits));

const text = (content: string): ChatEvent => ({ event: "message", data: { content } });

describe("MemoryStreamStore bounds", () => {
  it("makes room by evicting the oldest finished stream, and refuses when every stream is live", async () => {
    let now = 0;
    const store = new MemoryStreamStore({ ...CONTRACT_LIMITS, maxStreams: 3 }, () => now);
    for (const id of ["a", "b", "c"]) {
      await store.create(id, "me");
      now += 10;
    }
    await store.finish("b");
    now += 10;
    await store.finish("a");
    await store.create("d", "me");
    expect(await store.status("b")).toBeUndefined();
    expect(await store.status("a")).toBe("finished");
    await store.create("e", "me");
    expect(await store.status("a")).toBeUndefined();
    await expect(store.create("f", "me")).rejects.toBeInstanceOf(StreamStoreFull);
    expect(store.usage.streams).toBe(3);
    await store.close();
  });

  it("tells a client at its own cap so, even when the store is full too", async () => {
    const store = new MemoryStreamStore({ ...CONTRACT_LIMITS, maxStreams: 2, maxRunsPerOwner: 1 });
    await store.create("a", "me");
    await store.create("b", "you");
    await expect(store.create("c", "me")).rejects.toBeInstanceOf(OwnerRunsFull);
    await expect(store.create("c", "them")).rejects.toBeInstanceOf(StreamStoreFull);
    await store.close();
  });

  it("holds all streams' bytes under the total bound, finished ones going first", async () => {
    const store = new MemoryStreamStore({ ...CONTRACT_LIMITS, maxTotalBytes: 10_000, maxStreamBytes: 8_000 });
    await store.create("old", "me");
    for (let n = 0; n < 20; n++) await store.append("old", text("x".repeat(100)));
    await store.finish("old");
    await store.create("live", "me");
    for (let n = 0; n < 60; n++) await store.append("live", text("y".repeat(100)));
    expect(store.usage.bytes).toBeLessThanOrEqual(10_000);
    expect(await store.status("old")).toBeUndefined();
    expect(await store.status("live")).toBe("live");
    await store.close();
  });
});

describe("MemoryStreamStore memory", () => {
  it("lets a reader that stops reading hold one batch of a long answer, not the answer", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const store = new MemoryStreamStore({
      ...CONTRACT_LIMITS,
      maxStreamBytes: 64 << 20,
      maxTotalBytes: 64 << 20,
    });
    await store.create("long", "me");
    // 65,536 events: a 4 MiB answer in 64-byte pieces.
    for (let n = 0; n < 65_536; n++) await store.append("long", text(`${n}`.padEnd(64, ".")));
    await store.finish("long");
    gc();
    const before = process.memoryUsage().heapUsed;
    const readers = Array.from({ length: 20 }, () => store.read("long", 0, new AbortController().signal));
    for (const reader of readers) expect((await reader.next()).value?.[0]).toMatchObject({ id: 1 });
    gc();
    const heldMb = (process.memoryUsage().heapUsed - before) / 2 ** 20;
    console.log(`[memory] 20 readers stopped after one event of 65,536: ${heldMb.toFixed(2)} MB of heap`);
    // Each once held every event unpacked, about 5.5 MB; one batch of 64 is a few KB.
    expect(heldMb).toBeLessThan(2);
    for (const reader of readers) await reader.return();
    await store.close();
  });

  /** A tool round trip: start, 100 reasoning chunks, a call and its result, 250 answer chunks, end. */
  const answer: ChatEvent[] = [
    { event: "start", data: { model: "deepseek-flash", reasoning: "enabled" } },
    ...Array.from(
      { length: 100 },
      (_, i): ChatEvent => ({ event: "reasoning", data: { content: `思考第${i}步…` } }),
    ),
    {
      event: "tool_call",
      data: { id: "call_1", type: "mcp", name: "get_stock_info", arguments: { code: "600519" } },
    },
    { event: "tool_result", data: { tool_call_id: "call_1", result: { name: "贵州茅台", price: 1680.5 } } },
    ...Array.from(
      { length: 250 },
      (_, i): ChatEvent => ({ event: "message", data: { content: `answer ${i} ` } }),
    ),
    {
      event: "end",
      data: {
        finish_reason: "stop",
        stats: {
          tool_calls: 1,
          tool_results: 1,
          tokens: { prompt: 1234, completion: 567, total: 1801 },
          timing_ms: { first_byte: 420, total: 9000 },
        },
      },
    },
  ];

  it("keeps 1,000 finished answers of 354 events in under 24 MB of heap", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const store = new MemoryStreamStore({ ...CONTRACT_LIMITS, maxStreams: 1_000, maxTotalBytes: 256 << 20 });
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let n = 0; n < 1_000; n++) {
      await store.create(`s${n}`, "me");
      for (const event of answer) await store.append(`s${n}`, event);
      await store.finish(`s${n}`);
    }
    gc();
    const heapMb = (process.memoryUsage().heapUsed - before) / 2 ** 20;
    console.log(
      `[memory] 1,000 finished answers: ${heapMb.toFixed(1)} MB of heap, ${(store.usage.bytes / 2 ** 20).toFixed(1)} MB counted`,
    );
    expect(store.usage.streams).toBe(1_000);
    expect(heapMb).toBeLessThan(24);
    // Still whole: the last answer replays event for event.
    const replay = [];
    for await (const batch of store.read("s999", 0, new AbortController().signal)) replay.push(...batch);
    expect(replay).toHaveLength(answer.length);
    expect(replay.at(-1)).toMatchObject({ id: 354, event: "end" });
    await store.close();
  });
});
