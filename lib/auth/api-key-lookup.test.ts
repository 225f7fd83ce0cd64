import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ApiKeyMatch, ApiKeyRepository } from "@/lib/store/api-key-repository";
import type { AccountLookup } from "./account-lookup";
import { hashApiKey, newApiKey } from "./api-key";
import { LAST_USED_INTERVAL_MS, lookUpApiKey } from "./api-key-lookup";

// The key lookup's decisions over a store stand-in: one find by hash, a 401 that names the problem
// for each key that cannot be used, and last-used written only when a minute has passed.

const found = new Map<string, ApiKeyMatch>();
const touchKey = vi.fn<ApiKeyRepository["touchKey"]>(async () => {});
const findKey = vi.fn<ApiKeyRepository["findKey"]>(async (hash) => found.get(hash));
vi.mock("@/lib/store/get-store", () => ({ getStore: async () => ({ apiKeys: { findKey, touchKey } }) }));

const ann = { id: "u_ann", email: "ann@example.com", name: "Ann", role: "user", status: "active" } as const;

function stored(
  match: Partial<Omit<ApiKeyMatch, "user">> & { user?: Partial<ApiKeyMatch["user"]> } = {},
): string {
  const key = newApiKey();
  found.set(hashApiKey(key), {
    keyId: "k1",
    revoked: false,
    lastUsedAt: null,
    ...match,
    user: { ...ann, ...match.user },
  });
  return key;
}

async function refusal(lookup: AccountLookup): Promise<string> {
  if (lookup.ok) throw new Error("the key was accepted");
  expect(lookup.response.status).toBe(401);
  expect(lookup.response.headers.get("www-authenticate")).toContain("Bearer");
  return ((await lookup.response.json()) as { error: { message: string } }).error.message;
}

beforeEach(() => {
  found.clear();
  touchKey.mockClear();
  findKey.mockClear();
});

describe("looking up an API key", () => {
  it("finds a live key's active account, marked as a key's, in one lookup by its hash", async () => {
    const key = stored();
    const lookup = await lookUpApiKey({ kind: "key", key });
    expect(lookup).toEqual({ ok: true, account: { ...ann, via: "key" }, setCookies: [] });
    expect(findKey.mock.calls).toEqual([[hashApiKey(key)]]);
  });

  it("says what is wrong with a key that cannot be used", async () => {
    expect(await refusal(await lookUpApiKey({ kind: "malformed" }))).toMatch(/personal API key \(dsk_…\)/);
    expect(await refusal(await lookUpApiKey({ kind: "key", key: newApiKey() }))).toMatch(/not known/);
    expect(await refusal(await lookUpApiKey({ kind: "key", key: stored({ revoked: true }) }))).toMatch(
      /revoked/,
    );
    const pending = stored({ user: { status: "pending" } });
    expect(await refusal(await lookUpApiKey({ kind: "key", key: pending }))).toMatch(/waiting for an admin/);
    const disabled = stored({ user: { status: "disabled" } });
    expect(await refusal(await lookUpApiKey({ kind: "key", key: disabled }))).toMatch(/disabled by an admin/);
    expect(touchKey).not.toHaveBeenCalled();
  });

  it("writes last-used when it is unset or a minute old, not on every request", async () => {
    const now = Date.now();
    await lookUpApiKey({ kind: "key", key: stored({ lastUsedAt: now - 5_000 }) });
    expect(touchKey).not.toHaveBeenCalled();
    await lookUpApiKey({ kind: "key", key: stored({ lastUsedAt: null }) });
    await lookUpApiKey({ kind: "key", key: stored({ lastUsedAt: now - LAST_USED_INTERVAL_MS - 1 }) });
    expect(touchKey).toHaveBeenCalledTimes(2);
    expect(touchKey.mock.calls[0]?.[2]).toBe(LAST_USED_INTERVAL_MS);
  });
});
