import "server-only";
import { storeUnavailable } from "@/lib/history/history-access";
import { unauthorized } from "@/lib/http/access-code";
import { getStore } from "@/lib/store/get-store";
import type { AccountLookup } from "./account-lookup";
import { hashApiKey, type PresentedKey } from "./api-key";
import { toRequestAccount } from "./request-account";

// A request's personal API key (PROTOCOL.md section 15), looked up where its session would be
// (proxy.ts, once per request): one indexed query by the key's sha256, joined with its account as
// it is now. A key that cannot be used is a 401 naming why, so its owner knows what to fix.

/** Last-used is a hint for the key's list, not a log: written at most once a minute per key. */
export const LAST_USED_INTERVAL_MS = 60_000;

const NOT_A_KEY =
  "Authorization: Bearer takes a personal API key (dsk_…) on this server, which has accounts: create one in the account menu → API keys. An access code is not a credential here.";
const UNKNOWN_KEY =
  "This API key is not known to this server: check that it was copied whole, or create a new one in the account menu → API keys.";
const REVOKED_KEY = "This API key was revoked: create a new one in the account menu → API keys.";
const PENDING_KEY = "This API key's account is waiting for an admin to approve it.";
const DISABLED_KEY = "This API key's account was disabled by an admin.";

const refused = (message: string): AccountLookup => ({ ok: false, response: unauthorized(message) });

export async function lookUpApiKey(
  presented: Exclude<PresentedKey, { kind: "none" }>,
): Promise<AccountLookup> {
  if (presented.kind === "malformed") return refused(NOT_A_KEY);
  try {
    const store = await getStore();
    if (!store) return { ok: false, response: storeUnavailable(new Error("no database")) };
    const match = await store.apiKeys.findKey(hashApiKey(presented.key));
    if (!match) return refused(UNKNOWN_KEY);
    if (match.revoked) return refused(REVOKED_KEY);
    if (match.user.status === "pending") return refused(PENDING_KEY);
    if (match.user.status === "disabled") return refused(DISABLED_KEY);
    const now = Date.now();
    if (match.lastUsedAt === null || now - match.lastUsedAt >= LAST_USED_INTERVAL_MS) {
      await store.apiKeys.touchKey(match.keyId, now, LAST_USED_INTERVAL_MS);
    }
    const account = toRequestAccount(match.user, "key");
    return account ? { ok: true, account, setCookies: [] } : refused(UNKNOWN_KEY);
  } catch (error) {
    return { ok: false, response: storeUnavailable(error) };
  }
}
