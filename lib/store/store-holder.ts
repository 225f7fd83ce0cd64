import type { Store } from "./open-store";

// The process's one store lives on globalThis, so that Next's separately bundled routes share it,
// and so that the production server (server.ts, bundled apart from Next) can close it at shutdown
// without loading the database drivers: this file imports no module, only types.

export interface StoreHolder {
  opening?: Promise<Store | undefined> | undefined;
  /** Stops the periodic sweep of lapsed leases (lease-sweep.ts). */
  stopSweep?: (() => void) | undefined;
}

const global = globalThis as typeof globalThis & { __store?: StoreHolder };

export function storeHolder(): StoreHolder {
  global.__store ??= {};
  return global.__store;
}

export async function closeStore(): Promise<void> {
  const holder = storeHolder();
  const opening = holder.opening;
  holder.opening = undefined;
  holder.stopSweep?.();
  holder.stopSweep = undefined;
  const store = await opening?.catch(() => undefined);
  await store?.close();
}
