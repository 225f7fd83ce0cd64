import "server-only";
import { getStore } from "@/lib/store/get-store";
import type { Store } from "@/lib/store/open-store";
import { type Auth, createAuth } from "./auth";

// The process's Better Auth instance, made on first use over the process's store: never at import
// and never during `next build` (getStore refuses then). Kept on globalThis like the store, since
// Next bundles the proxy and each route apart; a reopened store gets a new instance.

const holder = globalThis as typeof globalThis & { __auth?: { store: Store; auth: Auth } };

export async function getAuth(): Promise<Auth> {
  const store = await getStore();
  if (!store) throw new Error("accounts need a database that lasts: set DATABASE_URL");
  if (holder.__auth?.store !== store) holder.__auth = { store, auth: createAuth(store.db) };
  return holder.__auth.auth;
}
