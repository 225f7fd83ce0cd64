import { type ConversationSummary, type ConversationTree, summaryOf } from "./history-api";
import type { ImportFlag } from "./history-import";
import { type IdbTable, idbTable } from "./idb-table";

// With the history on the server, IndexedDB is only a cache: the sidebar and the open conversation
// paint from it at once (and it can be read offline); whatever the server answers replaces it.
// Its own databases, apart from the one earlier versions kept history in (conversation-store.ts),
// so the one-time import never sees a cached copy and the cache never mixes with the old shape.
// It stays small whatever the server holds: the sidebar as last shown, and the trees of the
// conversations opened most recently.

export interface HistoryCache {
  /** The sidebar as last shown, newest first. */
  list(): Promise<ConversationSummary[]>;
  saveList(list: readonly ConversationSummary[]): Promise<void>;
  get(id: string): Promise<ConversationTree | undefined>;
  /** Keeps the tree, and drops the least recently kept beyond KEEP_TREES. */
  put(tree: ConversationTree): Promise<void>;
  remove(id: string): Promise<void>;
}

/** Trees kept: the conversations a reader goes back to. A 300-turn one is about 2 MB. */
export const KEEP_TREES = 30;
/** Summaries kept: more than the sidebar's first page. */
export const KEEP_SUMMARIES = 100;

export interface CacheIndex {
  sidebar: ConversationSummary[];
  /** The kept trees' ids, the most recently kept first. */
  recent: string[];
}

export function createHistoryCache(
  trees: IdbTable<ConversationTree> = idbTable("deepseek-chat-server", "conversations"),
  index: IdbTable<CacheIndex> = idbTable("deepseek-chat-server-index", "index"),
): HistoryCache {
  // The index is read, changed and written back: one change at a time.
  let queue: Promise<void> = Promise.resolve();
  const serial = (work: () => Promise<void>): Promise<void> => {
    queue = queue.then(work, work);
    return queue;
  };
  const readIndex = async (): Promise<CacheIndex> =>
    // Before the index, a cache kept every tree it was given: they count as kept, and go in turn.
    (await index.get("index")) ?? { sidebar: [], recent: await trees.keys() };
  return {
    list: async () => (await index.get("index"))?.sidebar ?? [],
    saveList: (list) =>
      serial(async () => {
        const current = await readIndex();
        await index.set("index", { ...current, sidebar: list.slice(0, KEEP_SUMMARIES).map(summaryOf) });
      }),
    get: (id) => trees.get(id),
    put: (tree) =>
      serial(async () => {
        await trees.set(tree.id, tree);
        const current = await readIndex();
        const recent = [tree.id, ...current.recent.filter((id) => id !== tree.id)];
        for (const id of recent.slice(KEEP_TREES)) await trees.delete(id);
        await index.set("index", { ...current, recent: recent.slice(0, KEEP_TREES) });
      }),
    remove: (id) =>
      serial(async () => {
        await trees.delete(id);
        const { sidebar, recent } = await readIndex();
        await index.set("index", {
          sidebar: sidebar.filter((c) => c.id !== id),
          recent: recent.filter((kept) => kept !== id),
        });
      }),
  };
}

/** Set once every conversation an earlier version kept here has reached the server. */
export function createImportFlag(): ImportFlag {
  const table = idbTable<boolean>("deepseek-chat-flags", "flags");
  return {
    done: async () => (await table.get("imported")) === true,
    set: () => table.set("imported", true),
  };
}
