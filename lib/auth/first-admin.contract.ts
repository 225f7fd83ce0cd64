import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_OWNER } from "@/lib/http/owner";
import type { Store } from "@/lib/store/open-store";
import { user } from "@/lib/store/schema";
import { settleNewAccount } from "./first-admin";

// One suite for every database behind accounts (pglite-store.test.ts, postgres-store.test.ts):
// of several first-admin candidates settled at once exactly one becomes admin, and that one takes
// what the open mode's owner had, share links included; nobody after them does.

let counter = 0;
const newId = (kind: string) => `${kind}-${process.pid}-${Date.now().toString(36)}-${counter++}`;

export function describeFirstAdmin(name: string, factory: () => Promise<Store>): void {
  describe(`${name}: the first admin`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await factory();
    }, 120_000);
    afterAll(async () => {
      await store?.close();
    });

    async function newUser(): Promise<string> {
      const id = newId("u");
      await store.db.insert(user).values({ id, name: id, email: `${id}@example.com` });
      return id;
    }

    it("makes exactly one of simultaneous candidates admin, and gives them the open mode's history", async () => {
      const c = (
        await store.conversations.createConversation(LOCAL_OWNER, { id: newId("c"), title: "Before" })
      ).id;
      const q = await store.conversations.appendMessage(LOCAL_OWNER, c, null, {
        id: newId("m"),
        role: "user",
        content: "hi",
      });
      await store.conversations.appendMessage(LOCAL_OWNER, c, q?.id ?? null, {
        id: newId("m"),
        role: "assistant",
        content: "hello",
        status: "done",
      });
      const link = await store.shares.createShare(LOCAL_OWNER, c);
      if (!link.ok) throw new Error("share failed");

      const ids = await Promise.all(Array.from({ length: 6 }, newUser));
      const results = await Promise.all(
        ids.map((id) => settleNewAccount(store.db, id, { admin: false, firstAdminCandidate: true })),
      );
      expect(results.filter((result) => result.admin)).toHaveLength(1);
      const winner = ids[results.findIndex((result) => result.admin)] ?? "";
      expect(results.find((result) => result.admin)?.movedConversations).toBe(1);
      const admins = await store.db.select().from(user).where(eq(user.role, "admin"));
      expect(admins.map((row) => [row.id, row.status])).toEqual([[winner, "active"]]);

      expect((await store.conversations.getConversation(winner, c))?.messages).toHaveLength(2);
      expect(await store.conversations.getConversation(LOCAL_OWNER, c)).toBeUndefined();
      expect((await store.shares.listShares(winner)).map((share) => share.id)).toEqual([link.share.id]);
      expect(await store.shares.listShares(LOCAL_OWNER)).toEqual([]);
      expect((await store.shares.getShare(link.share.id))?.title).toBe("Before");

      // Later candidates and ADMIN_EMAILS admins find an admin there and the history taken.
      const late = await newUser();
      expect(await settleNewAccount(store.db, late, { admin: false, firstAdminCandidate: true })).toEqual({
        admin: false,
        movedConversations: 0,
      });
      await store.conversations.createConversation(LOCAL_OWNER, { id: newId("c"), title: "Later" });
      const listed = await newUser();
      expect(await settleNewAccount(store.db, listed, { admin: true, firstAdminCandidate: false })).toEqual({
        admin: true,
        movedConversations: 0,
      });
    });
  });
}
