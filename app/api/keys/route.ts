import { API_KEY_LIMIT, apiKeyName, apiKeyStart, hashApiKey, newApiKey } from "@/lib/auth/api-key";
import { openKeys } from "@/lib/auth/api-key-access";
import { withStore } from "@/lib/history/history-access";
import { invalidRequest, jsonError, methodNotAllowed, readJsonBody } from "@/lib/http/responses";

// PROTOCOL.md section 15: the signed-in account's personal API keys. A new key is in the answer
// to its creation and nowhere else, ever: the server keeps its sha256.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

export async function GET(request: Request): Promise<Response> {
  const access = await openKeys(request);
  if (!access.ok) return access.response;
  const { account, keys } = access;
  return withStore(async () =>
    Response.json({ keys: await keys.listKeys(account.id), limit: API_KEY_LIMIT }, { headers: NO_STORE }),
  );
}

export async function POST(request: Request): Promise<Response> {
  const access = await openKeys(request);
  if (!access.ok) return access.response;
  const body = await readJsonBody(request, 1_024);
  if (!body.ok) return body.response;
  const given =
    typeof body.value === "object" && body.value !== null ? Reflect.get(body.value, "name") : undefined;
  const name = apiKeyName(given);
  if (!name) return invalidRequest("name: give the key a name (what will use it), up to 60 characters.");
  const { account, keys } = access;
  const secret = newApiKey();
  return withStore(async () => {
    const created = await keys.createKey(
      account.id,
      { name, hash: hashApiKey(secret), start: apiKeyStart(secret) },
      API_KEY_LIMIT,
    );
    if (!created.ok) {
      return jsonError(
        "too_many_keys",
        `An account keeps at most ${API_KEY_LIMIT} API keys: revoke one it no longer needs first.`,
      );
    }
    return Response.json({ ...created.key, key: secret }, { status: 201, headers: NO_STORE });
  });
}

const notAllowed = () => methodNotAllowed("GET, POST");

export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
