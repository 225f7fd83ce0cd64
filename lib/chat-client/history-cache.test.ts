import { describe, expect, it } from "vitest";
import type { ConversationTree } from "./history-api";
import { type CacheIndex, createHistoryCache, KEEP_SUMMARIES, KEEP_TREES } from "./history-cache";
import type { IdbTable } from "./idb-table";

function memoryTable<T>(initial: [string, T][] = []): IdbTable<T> & { map: Map<string, T> } {
  const map = new Map(initial);
  return {
    map,
    get: async (key) => map.get(key),
    set: async (key, value) => void map.set(key, value),
    delete: async (key) => void map.delete(key),
    all: async () => [...map.values()],
    keys: async () => [...map.keys()],
  };
}

const tree = (id: string, updatedAt = 1): ConversationTree => ({
  id,
  title: id,
  createdAt: 1,
  updatedAt,
  changedAt: updatedAt,
  currentLeafId: null,
  messages: [],
});

describe("the history cache", () => {
  it("keeps the trees of the conversations opened last, and drops the oldest beyond them", async () => {
    const trees = memoryTable<ConversationTree>();
    const cache = createHistoryCache(trees, memoryTable<CacheIndex>());
    for (let i = 0; i < KEEP_TREES + 5; i++) await cache.put(tree(`c${i}`));
    expect(trees.map.size).toBe(KEEP_TREES);
    expect(await cache.get("c0")).toBeUndefined();
    expect(await cache.get(`c${KEEP_TREES + 4}`)).toMatchObject({ id: `c${KEEP_TREES + 4}` });
    // Opened again, c5 is recent: the next ones to go are c6 and on.
    await cache.put(tree("c5"));
    await cache.put(tree("new-1"));
    expect(await cache.get("c5")).toBeDefined();
    expect(await cache.get("c6")).toBeUndefined();
  });

  it("counts the trees an earlier cache kept as kept, so they go in turn", async () => {
    const old = Array.from({ length: 100 }, (_, i): [string, ConversationTree] => [
      `old${i}`,
      tree(`old${i}`),
    ]);
    const trees = memoryTable(old);
    const cache = createHistoryCache(trees, memoryTable<CacheIndex>());
    await cache.put(tree("fresh"));
    expect(trees.map.size).toBe(KEEP_TREES);
    expect(trees.map.has("fresh")).toBe(true);
  });

  it("paints the sidebar as last shown, with at most its first summaries, and forgets a removed one", async () => {
    const cache = createHistoryCache(memoryTable<ConversationTree>(), memoryTable<CacheIndex>());
    expect(await cache.list()).toEqual([]);
    const list = Array.from({ length: KEEP_SUMMARIES + 20 }, (_, i) => {
      const { messages: _m, ...summary } = tree(`s${i}`, 1000 - i);
      return summary;
    });
    await cache.saveList(list);
    const shown = await cache.list();
    expect(shown).toHaveLength(KEEP_SUMMARIES);
    expect(shown[0]).toEqual(list[0]);
    await cache.put(tree("s0"));
    await cache.remove("s0");
    expect((await cache.list()).map((c) => c.id)).not.toContain("s0");
    expect(await cache.get("s0")).toBeUndefined();
  });
});
