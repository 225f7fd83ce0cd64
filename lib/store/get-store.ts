import "server-only";
import { startLeaseSweep } from "./lease-sweep";
import { openStore, type Store } from "./open-store";
import { storeConfig } from "./store-config";
import { storeHolder } from "./store-holder";

// The process's one store, opened on first use: never at import, never while `next build`
// renders pages. A failed open is not kept: the next call tries again (the database may be back).

type Env = Record<string, string | undefined>;

/** The store, or undefined where nothing lasts (on Vercel without DATABASE_URL). */
export function getStore(env: Env = process.env): Promise<Store | undefined> {
  if (env.NEXT_PHASE === "phase-production-build") {
    return Promise.reject(new Error("the store is not opened during `next build`"));
  }
  const holder = storeHolder();
  if (!holder.opening) {
    const config = storeConfig(env);
    const opening = config ? openStore(config) : Promise.resolve(undefined);
    holder.opening = opening;
    opening.then(
      (store) => {
        if (store && holder.opening === opening) holder.stopSweep = startLeaseSweep(store.conversations);
      },
      () => {
        if (holder.opening === opening) holder.opening = undefined;
      },
    );
  }
  return holder.opening;
}

export { closeStore } from "./store-holder";
