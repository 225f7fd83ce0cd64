import "server-only";
import { storeUnavailable } from "@/lib/history/history-access";
import { unauthorized } from "@/lib/http/access-code";
import { jsonError } from "@/lib/http/responses";
import { getStore } from "@/lib/store/get-store";
import type { StoreDatabase } from "@/lib/store/rows";
import { type RequestAccount, signedInAccountOf } from "./request-account";

// What the People routes check first: an active admin (401 signed out, 403 for anyone else), and
// the store they read.

export type AdminAccess =
  | { ok: true; admin: RequestAccount; db: StoreDatabase }
  | { ok: false; response: Response };

export async function openAdmin(request: Request): Promise<AdminAccess> {
  const account = signedInAccountOf(request.headers);
  if (!account) return { ok: false, response: unauthorized() };
  if (account.role !== "admin") {
    return { ok: false, response: jsonError("not_admin", "Only an admin may see and change accounts.") };
  }
  try {
    const store = await getStore();
    if (!store) return { ok: false, response: storeUnavailable(new Error("no database")) };
    return { ok: true, admin: account, db: store.db };
  } catch (error) {
    return { ok: false, response: storeUnavailable(error) };
  }
}
