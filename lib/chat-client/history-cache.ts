import type { ConversationTree } from "./history-api";
import type { ImportFlag } from "./history-import";
import { idbTable } from "./idb-table";

// With the history on the server, IndexedDB is only a cache: the sidebar and the open conversation
// paint from it at once (and it can be read offline); whatever the server answers replaces it.
// Its own database, apart from the one earlier versions kept history in (conversation-store.ts),
// so the one-time import never sees a cached copy and the cache never mixes with the old shape.

export interface HistoryCache {
  /** Newest first. */
  list(): Promise<ConversationTree[]>;
  get(id: string): Promise<ConversationTree | undefined>;
  put(tree: ConversationTree): Promise<void>;
  remove(id: string): Promise<void>;
}

export function createHistoryCache(): HistoryCache {
  const table = idbTable<ConversationTree>("deepseek-chat-server", "conversations");
  return {
    list: async () => (await table.all()).sort((a, b) => b.updatedAt - a.updatedAt),
    get: (id) => table.get(id),
    put: (tree) => table.set(tree.id, tree),
    remove: (id) => table.delete(id),
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
