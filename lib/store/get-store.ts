import "server-only";
import { openStore, type Store, storeConfig } from "./open-store";

// The process's one store, opened on first use: never at import, never while `next build`
// renders pages. Cached on globalThis so that Next's separately bundled routes share it. A failed
// open is not kept: the next call tries again (the database may be back).

type Env = Record<string, string | undefined>;

const holder = globalThis as typeof globalThis & { __store?: Promise<Store | undefined> | undefined };

/** The store, or undefined where nothing lasts (on Vercel without DATABASE_URL). */
export function getStore(env: Env = process.env): Promise<Store | undefined> {
  if (env.NEXT_PHASE === "phase-production-build") {
    return Promise.reject(new Error("the store is not opened during `next build`"));
  }
  if (!holder.__store) {
    const config = storeConfig(env);
    const opening = config ? openStore(config) : Promise.resolve(undefined);
    holder.__store = opening;
    opening.catch(() => {
      if (holder.__store === opening) holder.__store = undefined;
    });
  }
  return holder.__store;
}

export async function closeStore(): Promise<void> {
  const opening = holder.__store;
  holder.__store = undefined;
  const store = await opening?.catch(() => undefined);
  await store?.close();
}
