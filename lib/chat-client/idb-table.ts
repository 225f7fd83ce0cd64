import { createStore, del, get, keys, set, type UseStore, values } from "idb-keyval";

// One IndexedDB object store, keyed by id. It does not exist during server rendering, and private
// modes may refuse it: then reads come back empty and writes do nothing, so the chat still works.

export interface IdbTable<T> {
  get(key: string): Promise<T | undefined>;
  set(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
  all(): Promise<T[]>;
  keys(): Promise<string[]>;
}

export function idbTable<T>(database: string, storeName: string): IdbTable<T> {
  let store: UseStore | undefined;
  // Opened on first use, never at import: these modules are also evaluated during server rendering.
  function guarded<R>(fallback: R, run: (store: UseStore) => Promise<R>): Promise<R> {
    try {
      if (typeof indexedDB === "undefined") return Promise.resolve(fallback);
      store ??= createStore(database, storeName);
      return run(store).catch(() => fallback);
    } catch {
      return Promise.resolve(fallback);
    }
  }
  return {
    get: (key) => guarded(undefined, (s) => get<T>(key, s)),
    set: (key, value) => guarded(undefined, (s) => set(key, value, s)),
    delete: (key) => guarded(undefined, (s) => del(key, s)),
    all: () => guarded([], (s) => values<T>(s)),
    keys: () =>
      guarded([], async (s) => (await keys(s)).filter((key): key is string => typeof key === "string")),
  };
}
