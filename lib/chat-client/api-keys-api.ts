// The browser's side of personal API keys (PROTOCOL.md section 15): list, create, revoke, as plain
// fetches; a failure carries the server's sentence when it sent one.

/** A key in its owner's list. Times are milliseconds since the epoch. */
export interface ApiKeyInfo {
  id: string;
  name: string;
  start: string;
  createdAt: number;
  lastUsedAt: number | null;
}

/** A key just made: the only time its secret is seen. */
export interface CreatedApiKey extends ApiKeyInfo {
  key: string;
}

export type KeysOutcome<T> = { ok: true; value: T } | { ok: false; message: string | undefined };

async function call<T>(path: string, init: RequestInit, read: (body: unknown) => T): Promise<KeysOutcome<T>> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, cache: "no-store" });
  } catch {
    return { ok: false, message: undefined };
  }
  const body: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (response.ok) return { ok: true, value: read(body) };
  const error = typeof body === "object" && body !== null ? Reflect.get(body, "error") : undefined;
  const message = typeof error === "object" && error !== null ? Reflect.get(error, "message") : undefined;
  return { ok: false, message: typeof message === "string" ? message : undefined };
}

function keysOf(body: unknown): ApiKeyInfo[] {
  const keys = typeof body === "object" && body !== null ? Reflect.get(body, "keys") : undefined;
  return Array.isArray(keys) ? keys : [];
}

export function listApiKeys(): Promise<KeysOutcome<ApiKeyInfo[]>> {
  return call("/api/keys", {}, keysOf);
}

export function createApiKey(name: string): Promise<KeysOutcome<CreatedApiKey>> {
  return call(
    "/api/keys",
    { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name }) },
    (body) => body as CreatedApiKey,
  );
}

export function revokeApiKey(id: string): Promise<KeysOutcome<null>> {
  return call(`/api/keys/${encodeURIComponent(id)}`, { method: "DELETE" }, () => null);
}
