import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UIPart } from "@/lib/chat-client/types";
import type { ConversationRepository } from "./conversation-repository";
import type { ShareRepository } from "./share-repository";

// One suite for every database behind share links (pglite-store.test.ts, postgres-store.test.ts):
// a link is a copy of the branch shown when it was made, its owner's alone to list and revoke, and
// gone once revoked or once its conversation is deleted.

export type ShareStoreFactory = () => Promise<{
  conversations: ConversationRepository;
  shares: ShareRepository;
  close(): Promise<void>;
}>;

let counter = 0;
const newId = (kind: string) => `${kind}-${process.pid}-${Date.now().toString(36)}-${counter++}`;

const OPEN_TIMEOUT = 120_000;

const ANSWER_PARTS: UIPart[] = [
  { type: "reasoning", text: "先想一想", startedAt: 1_700_000_000_000, endedAt: 1_700_000_001_000 },
  {
    type: "tool",
    id: "call_1",
    name: "get_stock_info",
    server: "builtin",
    arguments: { symbol: "600519" },
    status: "done",
    result: { price: 1688.5 },
    startedAt: 1_700_000_001_100,
    endedAt: 1_700_000_001_400,
  },
  { type: "text", text: "Moutai is **up**." },
];

export function describeShareRepository(name: string, factory: ShareStoreFactory): void {
  describe(`${name}: the ShareRepository contract`, () => {
    let repo: ConversationRepository;
    let links: ShareRepository;
    let close: () => Promise<void>;
    beforeAll(async () => {
      const opened = await factory();
      repo = opened.conversations;
      links = opened.shares;
      close = () => opened.close();
    }, OPEN_TIMEOUT);
    afterAll(async () => {
      await close?.();
    });

    /** A new owner's conversation: question → answer (reasoning, a tool, text). */
    async function answered(title = "Moutai") {
      const owner = newId("owner");
      const c = (await repo.createConversation(owner, { id: newId("c"), title })).id;
      const q = await repo.appendMessage(owner, c, null, {
        id: newId("m"),
        role: "user",
        content: "600519?",
      });
      const a = await repo.appendMessage(owner, c, q?.id ?? null, {
        id: newId("m"),
        role: "assistant",
        content: "Moutai is **up**.",
        parts: ANSWER_PARTS,
        status: "done",
        model: "deepseek-flash",
        reasoning: "enabled",
      });
      if (!q || !a) throw new Error("append failed");
      return { owner, c, q, a };
    }

    async function share(owner: string, c: string) {
      const created = await links.createShare(owner, c);
      if (!created.ok) throw new Error(`share refused: ${created.reason}`);
      return created.share;
    }

    it("copies the branch shown, with its parts, under an unguessable id", async () => {
      const { owner, c, q, a } = await answered();
      const made = await share(owner, c);
      expect(made.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(made).toMatchObject({ conversationId: c, title: "Moutai", messageCount: 2 });
      expect(Math.abs(made.createdAt - Date.now())).toBeLessThan(60_000);
      const shown = await links.getShare(made.id);
      expect(shown).toEqual({
        id: made.id,
        title: "Moutai",
        createdAt: made.createdAt,
        messages: expect.any(Array),
      });
      expect(shown?.messages.map((m) => m.id)).toEqual([q.id, a.id]);
      expect(shown?.messages[1]).toEqual({
        id: a.id,
        role: "assistant",
        content: "Moutai is **up**.",
        parts: ANSWER_PARTS,
        createdAt: a.createdAt,
        status: "done",
        model: "deepseek-flash",
        reasoning: "enabled",
      });
      expect((await share(owner, c)).id).not.toBe(made.id);
    });

    it("never shows what came after it: later turns, a rename, an edit, another branch", async () => {
      const { owner, c, q, a } = await answered();
      const made = await share(owner, c);
      const later = await repo.appendMessage(owner, c, a.id, {
        id: newId("m"),
        role: "user",
        content: "later",
      });
      // An edit of the first question: a sibling, and the branch shown moves to it.
      const edited = await repo.appendMessage(owner, c, null, {
        id: newId("m"),
        role: "user",
        content: "edited",
      });
      await repo.renameConversation(owner, c, "Renamed");
      expect(later && edited).toBeTruthy();
      const shown = await links.getShare(made.id);
      expect(shown?.title).toBe("Moutai");
      expect(shown?.messages.map((m) => m.content)).toEqual(["600519?", "Moutai is **up**."]);
      expect(shown?.messages.map((m) => m.id)).toEqual([q.id, a.id]);

      // A link made now copies the branch shown now: the edit alone.
      const second = await share(owner, c);
      expect((await links.getShare(second.id))?.messages.map((m) => m.content)).toEqual(["edited"]);
      // Switching back does not change either copy.
      expect(await repo.setCurrentLeaf(owner, c, later?.id ?? "")).toBe(true);
      expect((await links.getShare(second.id))?.messages.map((m) => m.content)).toEqual(["edited"]);
      expect((await links.getShare(made.id))?.messages).toHaveLength(2);
    });

    it("refuses a conversation whose answer is still being written, and one that is not the owner's", async () => {
      const { owner, c, a } = await answered();
      await repo.appendMessage(owner, c, a.id, { id: newId("m"), role: "user", content: "more" });
      const leaf = (await repo.getConversation(owner, c))?.currentLeafId ?? null;
      await repo.appendMessage(owner, c, leaf, {
        id: newId("m"),
        role: "assistant",
        status: "streaming",
        lease: { runId: "run", ttlMs: 60_000 },
      });
      expect(await links.createShare(owner, c)).toEqual({ ok: false, reason: "streaming" });
      expect(await links.createShare(newId("owner"), c)).toEqual({ ok: false, reason: "not_found" });
      expect(await links.createShare(owner, newId("c"))).toEqual({ ok: false, reason: "not_found" });
      expect(await links.listShares(owner)).toEqual([]);
    });

    it("lists an owner's links newest first, and no one else's", async () => {
      const one = await answered("One");
      const other = await answered("Theirs");
      const first = await share(one.owner, one.c);
      const second = await share(one.owner, one.c);
      const theirs = await share(other.owner, other.c);
      const listed = await links.listShares(one.owner);
      expect(listed.map((s) => s.id)).toEqual(
        second.createdAt === first.createdAt
          ? expect.arrayContaining([first.id, second.id])
          : [second.id, first.id],
      );
      expect(listed).toHaveLength(2);
      expect(listed[0]).toMatchObject({ conversationId: one.c, title: "One", messageCount: 2 });
      expect((await links.listShares(other.owner)).map((s) => s.id)).toEqual([theirs.id]);
      expect(await links.listShares(newId("owner"))).toEqual([]);
    });

    it("revokes a link for its owner only; a revoked link is gone", async () => {
      const { owner, c } = await answered();
      const made = await share(owner, c);
      expect(await links.revokeShare(newId("owner"), made.id)).toBe(false);
      expect(await links.getShare(made.id)).toBeDefined();
      expect(await links.revokeShare(owner, made.id)).toBe(true);
      expect(await links.getShare(made.id)).toBeUndefined();
      expect(await links.listShares(owner)).toEqual([]);
      expect(await links.revokeShare(owner, made.id)).toBe(false);
      expect(await links.getShare("no-such-link")).toBeUndefined();
    });

    it("drops a conversation's links when it is deleted, and they stay gone if its id is used again", async () => {
      const { owner, c } = await answered();
      const made = await share(owner, c);
      const kept = await answered();
      const other = await share(kept.owner, kept.c);
      expect(await repo.deleteConversation(owner, c)).toBe(true);
      expect(await links.getShare(made.id)).toBeUndefined();
      expect(await links.listShares(owner)).toEqual([]);
      await repo.createConversation(owner, { id: c, title: "Again" });
      await repo.appendMessage(owner, c, null, { id: newId("m"), role: "user", content: "again" });
      expect(await links.getShare(made.id)).toBeUndefined();
      expect(await links.listShares(owner)).toEqual([]);
      // Purging the tombstone takes the rows; another conversation's link is untouched.
      await repo.deleteConversation(owner, c);
      await repo.purgeDeleted(Date.now() + 60_000);
      expect(await links.revokeShare(owner, made.id)).toBe(false);
      expect((await links.getShare(other.id))?.title).toBe("Moutai");
    });
  });
}
