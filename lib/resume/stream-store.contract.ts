import { afterEach, describe, expect, it } from "vitest";
import type { ChatEvent } from "@/lib/protocol";
import { pollUntil } from "@/lib/testing/poll-until";
import {
  OwnerRunsFull,
  READ_BATCH_EVENTS,
  type ReadBatch,
  type ReadItem,
  type StreamStore,
  type StreamStoreLimits,
} from "./stream-store";

// One suite for every StreamStore (memory-stream-store.test.ts, redis-stream-store.test.ts): what a
// resumable stream promises whichever store holds it.

export const CONTRACT_LIMITS: StreamStoreLimits = {
  ttlMs: 60_000,
  maxStreams: 50,
  maxStreamBytes: 64 * 1024,
  maxTotalBytes: 16 * 1024 * 1024,
  maxRunsPerOwner: 10,
};

export type StoreFactory = (limits: StreamStoreLimits) => Promise<StreamStore>;

const message = (n: number): ChatEvent => ({ event: "message", data: { content: `part ${n}` } });
const END: ChatEvent = {
  event: "end",
  data: {
    finish_reason: "stop",
    stats: {
      tool_calls: 0,
      tool_results: 0,
      tokens: { prompt: 1, completion: 2, total: 3 },
      timing_ms: { first_byte: 1, total: 2 },
    },
  },
};

let counter = 0;
const newId = () => `t${process.pid}-${Date.now()}-${counter++}`;
/** Stores may share one Redis across tests: an owner of its own keeps their counts apart. */
const newOwner = () => `owner-${newId()}`;

async function collect(batches: AsyncIterable<ReadBatch>): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const batch of batches) {
    // Never an empty batch, and a notice only ever last.
    expect(batch.length).toBeGreaterThan(0);
    expect(out.some((item) => "gone" in item)).toBe(false);
    out.push(...batch);
  }
  return out;
}

const ids = (items: ReadItem[]) => items.map((item) => ("id" in item ? item.id : `gone:${item.gone}`));

export function describeStreamStore(name: string, factory: StoreFactory): void {
  describe(`${name}: the StreamStore contract`, () => {
    const open: StreamStore[] = [];
    const make = async (limits: Partial<StreamStoreLimits> = {}) => {
      const store = await factory({ ...CONTRACT_LIMITS, ...limits });
      open.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(open.splice(0).map((store) => store.close()));
    });

    async function finishedStream(store: StreamStore, count: number): Promise<string> {
      const id = newId();
      await store.create(id, newOwner());
      for (let n = 1; n <= count; n++) await store.append(id, message(n));
      await store.append(id, END);
      await store.finish(id);
      return id;
    }

    it("keeps events in order with ids from 1, their names and data intact", async () => {
      const store = await make();
      const id = await finishedStream(store, 3);
      const items = await collect(store.read(id, 0, new AbortController().signal));
      expect(items).toEqual([
        { id: 1, event: "message", data: '{"content":"part 1"}' },
        { id: 2, event: "message", data: '{"content":"part 2"}' },
        { id: 3, event: "message", data: '{"content":"part 3"}' },
        { id: 4, event: "end", data: JSON.stringify(END.data) },
      ]);
    });

    it("replays from any point", async () => {
      const store = await make();
      const id = await finishedStream(store, 5);
      for (let after = 0; after <= 6; after++) {
        const items = await collect(store.read(id, after, new AbortController().signal));
        expect(ids(items)).toEqual([1, 2, 3, 4, 5, 6].filter((n) => n > after));
      }
    });

    it("follows a live stream to its end, with several readers at once", async () => {
      const store = await make();
      const id = newId();
      await store.create(id, newOwner());
      expect(await store.status(id)).toBe("live");
      await store.append(id, message(1));
      const readers = [0, 0, 1].map((after) => collect(store.read(id, after, new AbortController().signal)));
      for (let n = 2; n <= 20; n++) await store.append(id, message(n));
      await store.append(id, END);
      await store.finish(id);
      const [a, b, c] = await Promise.all(readers);
      const all = Array.from({ length: 21 }, (_, i) => i + 1);
      expect(ids(a ?? [])).toEqual(all);
      expect(ids(b ?? [])).toEqual(all);
      expect(ids(c ?? [])).toEqual(all.slice(1));
      expect(await store.status(id)).toBe("finished");
    });

    it("stops a waiting reader when its signal aborts", async () => {
      const store = await make();
      const id = newId();
      await store.create(id, newOwner());
      await store.append(id, message(1));
      const abort = new AbortController();
      const reading = collect(store.read(id, 0, abort.signal));
      await new Promise((resolve) => setTimeout(resolve, 50));
      const started = Date.now();
      abort.abort();
      expect(ids(await reading)).toEqual([1]);
      expect(Date.now() - started).toBeLessThan(1_000);
    });

    it("knows nothing of an unknown id", async () => {
      const store = await make();
      expect(await store.status("no-such-stream")).toBeUndefined();
      expect(await collect(store.read("no-such-stream", 0, new AbortController().signal))).toEqual([]);
      expect(await store.cancel("no-such-stream")).toBe(false);
    });

    it("forgets a finished stream after the TTL", async () => {
      const store = await make({ ttlMs: 300 });
      const id = await finishedStream(store, 2);
      expect(await store.status(id)).toBe("finished");
      expect(
        await pollUntil(
          () => store.status(id),
          (status) => status === undefined,
          Date.now() + 5_000,
        ),
      ).toBeUndefined();
      expect(await collect(store.read(id, 0, new AbortController().signal))).toEqual([]);
    });

    it("drops a live stream's oldest events past its byte bound, and tells a reader who asks for them", async () => {
      const store = await make({ maxStreamBytes: 2_000 });
      const id = newId();
      await store.create(id, newOwner());
      for (let n = 1; n <= 100; n++) await store.append(id, message(n));
      await store.append(id, END);
      await store.finish(id);
      const fromStart = await collect(store.read(id, 0, new AbortController().signal));
      expect(fromStart).toHaveLength(1);
      const gone = fromStart[0];
      expect(gone).toMatchObject({ gone: "evicted" });
      const firstKept = gone && "gone" in gone ? gone.firstKept : 0;
      expect(firstKept).toBeGreaterThan(1);
      const rest = await collect(store.read(id, firstKept - 1, new AbortController().signal));
      expect(ids(rest)).toEqual(Array.from({ length: 102 - firstKept }, (_, i) => firstKept + i));
    });

    it("passes a cancel to the run, once, and not after the end", async () => {
      const store = await make();
      const id = newId();
      await store.create(id, newOwner());
      let heard = 0;
      const unsubscribe = await store.onCancel(id, () => heard++);
      expect(await store.cancel(id)).toBe(true);
      expect(
        await pollUntil(
          async () => heard,
          (n) => n === 1,
          Date.now() + 5_000,
        ),
      ).toBe(1);
      expect(await store.cancel(id)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(heard).toBe(1);
      await unsubscribe();
      await store.append(id, END);
      await store.finish(id);

      const done = await finishedStream(store, 1);
      let late = 0;
      await store.onCancel(done, () => late++);
      expect(await store.cancel(done)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(late).toBe(0);
    });

    it("hears a cancel that came before the run listened", async () => {
      const store = await make();
      const id = newId();
      await store.create(id, newOwner());
      expect(await store.cancel(id)).toBe(true);
      let heard = 0;
      await store.onCancel(id, () => heard++);
      expect(
        await pollUntil(
          async () => heard,
          (n) => n === 1,
          Date.now() + 5_000,
        ),
      ).toBe(1);
    });

    it("hands out a long log a batch at a time, each only when asked for", async () => {
      const store = await make({ maxStreamBytes: 1024 * 1024 });
      const id = await finishedStream(store, READ_BATCH_EVENTS * 2 + 1);
      const reader = store.read(id, 0, new AbortController().signal);
      const first = await reader.next();
      expect(ids(first.value ?? [])).toEqual(Array.from({ length: READ_BATCH_EVENTS }, (_, i) => i + 1));
      const second = await reader.next();
      expect(ids(second.value ?? [])[0]).toBe(READ_BATCH_EVENTS + 1);
      await reader.return();
    });

    it("replays a log many batches long, in order, whether finished or followed live", async () => {
      const store = await make({ maxStreamBytes: 1024 * 1024 });
      const count = READ_BATCH_EVENTS * 3 + 5;
      const done = await finishedStream(store, count);
      expect(ids(await collect(store.read(done, 0, new AbortController().signal)))).toEqual(
        Array.from({ length: count + 1 }, (_, i) => i + 1),
      );
      const live = newId();
      await store.create(live, newOwner());
      for (let n = 1; n <= count; n++) await store.append(live, message(n));
      const reading = collect(store.read(live, 7, new AbortController().signal));
      await store.append(live, END);
      await store.finish(live);
      expect(ids(await reading)).toEqual(Array.from({ length: count + 1 - 7 }, (_, i) => i + 8));
    });

    it("counts an owner's live runs: refuses one past the limit, not another owner's, and frees a slot at the finish", async () => {
      const store = await make({ maxRunsPerOwner: 2 });
      const [me, you] = [newOwner(), newOwner()];
      const [a, b, c] = [newId(), newId(), newId()];
      await store.create(a, me);
      await store.create(b, me);
      await expect(store.create(c, me)).rejects.toBeInstanceOf(OwnerRunsFull);
      expect(await store.status(c)).toBeUndefined();
      await store.create(newId(), you);
      await store.append(a, END);
      await store.finish(a);
      await store.create(c, me);
      expect(await store.status(c)).toBe("live");
      await expect(store.create(newId(), me)).rejects.toThrow(/RESUME_MAX_RUNS_PER_CLIENT/);
    });
  });
}
