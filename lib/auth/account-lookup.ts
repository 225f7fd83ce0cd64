import "server-only";
import { storeUnavailable } from "@/lib/history/history-access";
import { presentedKey } from "./api-key";
import { lookUpApiKey } from "./api-key-lookup";
import { getAuth } from "./get-auth";
import { type RequestAccount, toRequestAccount } from "./request-account";

// The one session lookup of a request in accounts mode (proxy.ts): the session cookie's row with its
// user, read from the database every time (no cookie cache, so revoking a session or disabling an
// account takes effect at the next request). When the library extends a session it also sends a
// refreshed cookie, which the proxy passes on. A request with an Authorization header is a script's
// with a personal API key instead (api-key-lookup.ts), whatever cookies it also carries.

export type AccountLookup =
  | { ok: true; account: RequestAccount | undefined; setCookies: string[] }
  | { ok: false; response: Response };

/** Better Auth's session cookie, whatever its prefix (auth.ts): no cookie, no query. */
const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?chat\.session_token=/;

export async function lookUpAccount(headers: Headers): Promise<AccountLookup> {
  const key = presentedKey(headers);
  if (key.kind !== "none") return lookUpApiKey(key);
  if (!SESSION_COOKIE.test(headers.get("cookie") ?? ""))
    return { ok: true, account: undefined, setCookies: [] };
  try {
    const auth = await getAuth();
    const found = await auth.api.getSession({ headers, returnHeaders: true });
    const account = found.response ? toRequestAccount(found.response.user) : undefined;
    return { ok: true, account, setCookies: found.headers.getSetCookie() };
  } catch (error) {
    return { ok: false, response: storeUnavailable(error) };
  }
}
