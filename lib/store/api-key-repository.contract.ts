import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeyStart, hashApiKey, newApiKey } from "@/lib/auth/api-key";
import type { NewApiKey } from "./api-key-repository";
import type { Store } from "./open-store";
import { user } from "./schema";

// One suite for every database behind API keys (pglite-store.test.ts, postgres-store.test.ts):
// each account's keys are its own to list and revoke, at most `limit` live ones even when created
// at once, found by their hash with the account as it is now, and last-used written at most once
// per interval.

let counter = 0;
const newId = (kind: string) => `${kind}-${process.pid}-${Date.now().toString(36)}-${counter++}`;

function keyFields(name = "script"): NewApiKey & { key: string } {
  const key = newApiKey();
  return { key, name, hash: hashApiKey(key), start: apiKeyStart(key) };
}

export function describeApiKeyRepository(name: string, factory: () => Promise<Store>): void {
  describe(`${name}: the ApiKeyRepository contract`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await factory();
    }, 120_000);
    afterAll(async () => {
      await store?.close();
    });

    async function newUser(): Promise<string> {
      const id = newId("u");
      await store.db.insert(user).values({ id, name: id, email: `${id}@example.com`, status: "active" });
      return id;
    }

    it("creates, lists newest first, finds by hash with its account, and revokes per account", async () => {
      const [ann, bob] = [await newUser(), await newUser()];
      const first = keyFields("laptop");
      const second = keyFields("ci");
      const made = await store.apiKeys.createKey(ann, first, 5);
      if (!made.ok) throw new Error("not created");
      expect(made.key).toMatchObject({ name: "laptop", start: first.key.slice(0, 10), lastUsedAt: null });
      const again = await store.apiKeys.createKey(ann, second, 5);
      if (!again.ok) throw new Error("not created");
      expect((await store.apiKeys.listKeys(ann)).map((key) => key.name)).toEqual(["ci", "laptop"]);
      expect(await store.apiKeys.listKeys(bob)).toEqual([]);

      const found = await store.apiKeys.findKey(first.hash);
      expect(found).toMatchObject({ keyId: made.key.id, revoked: false, lastUsedAt: null });
      expect(found?.user).toEqual({
        id: ann,
        email: `${ann}@example.com`,
        name: ann,
        role: "user",
        status: "active",
      });
      expect(await store.apiKeys.findKey(hashApiKey(newApiKey()))).toBeUndefined();

      // Another account cannot revoke it; its owner can, once.
      expect(await store.apiKeys.revokeKey(bob, made.key.id)).toBe(false);
      expect(await store.apiKeys.revokeKey(ann, made.key.id)).toBe(true);
      expect(await store.apiKeys.revokeKey(ann, made.key.id)).toBe(false);
      expect((await store.apiKeys.listKeys(ann)).map((key) => key.name)).toEqual(["ci"]);
      // A revoked key is still found, as revoked: its user is told so rather than "unknown".
      expect(await store.apiKeys.findKey(first.hash)).toMatchObject({ revoked: true });
    });

    it("shows the account as it is now, and drops its keys with it", async () => {
      const ann = await newUser();
      const fields = keyFields();
      await store.apiKeys.createKey(ann, fields, 5);
      await store.db.update(user).set({ status: "disabled" }).where(eq(user.id, ann));
      expect((await store.apiKeys.findKey(fields.hash))?.user.status).toBe("disabled");
      await store.db.delete(user).where(eq(user.id, ann));
      expect(await store.apiKeys.findKey(fields.hash)).toBeUndefined();
    });

    it("keeps to the cap of live keys, even for creations at once; a revoked key frees a place", async () => {
      const ann = await newUser();
      const results = await Promise.all(
        Array.from({ length: 6 }, () => store.apiKeys.createKey(ann, keyFields(), 3)),
      );
      expect(results.filter((result) => result.ok)).toHaveLength(3);
      expect(results.filter((result) => !result.ok)).toEqual(
        Array.from({ length: 3 }, () => ({ ok: false, reason: "too_many" })),
      );
      const [oldest] = (await store.apiKeys.listKeys(ann)).slice(-1);
      expect(await store.apiKeys.revokeKey(ann, oldest?.id ?? "")).toBe(true);
      expect((await store.apiKeys.createKey(ann, keyFields(), 3)).ok).toBe(true);
      expect((await store.apiKeys.createKey(ann, keyFields(), 3)).ok).toBe(false);
    });

    it("writes last-used at most once per interval", async () => {
      const ann = await newUser();
      const fields = keyFields();
      const made = await store.apiKeys.createKey(ann, fields, 5);
      if (!made.ok) throw new Error("not created");
      const t0 = Date.UTC(2026, 0, 1, 12, 0, 0);
      await store.apiKeys.touchKey(made.key.id, t0, 60_000);
      expect((await store.apiKeys.findKey(fields.hash))?.lastUsedAt).toBe(t0);
      await store.apiKeys.touchKey(made.key.id, t0 + 59_000, 60_000);
      expect((await store.apiKeys.findKey(fields.hash))?.lastUsedAt).toBe(t0);
      await store.apiKeys.touchKey(made.key.id, t0 + 61_000, 60_000);
      expect((await store.apiKeys.findKey(fields.hash))?.lastUsedAt).toBe(t0 + 61_000);
      expect((await store.apiKeys.listKeys(ann))[0]?.lastUsedAt).toBe(t0 + 61_000);
    });
  });
}
