import "server-only";
import { storeUnavailable } from "@/lib/history/history-access";
import { unauthorized } from "@/lib/http/access-code";
import { jsonError } from "@/lib/http/responses";
import type { ApiKeyRepository } from "@/lib/store/api-key-repository";
import { getStore } from "@/lib/store/get-store";
import { activeAccountOf, type RequestAccount, signedInAccountOf } from "./request-account";

// What the API-keys routes check first: an active account signed in with a session (a key cannot
// make or list keys: 403), and the store that keeps them.

export type KeysAccess =
  | { ok: true; account: RequestAccount; keys: ApiKeyRepository }
  | { ok: false; response: Response };

export async function openKeys(request: Request): Promise<KeysAccess> {
  const account = signedInAccountOf(request.headers);
  if (!account) {
    const byKey = activeAccountOf(request.headers) !== undefined;
    const response = byKey
      ? jsonError("key_not_allowed", "An API key cannot list, create or revoke API keys: sign in.")
      : unauthorized();
    return { ok: false, response };
  }
  try {
    const store = await getStore();
    if (!store) return { ok: false, response: storeUnavailable(new Error("no database")) };
    return { ok: true, account, keys: store.apiKeys };
  } catch (error) {
    return { ok: false, response: storeUnavailable(error) };
  }
}
