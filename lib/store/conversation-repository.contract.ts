import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UIPart } from "@/lib/chat-client/types";
import type {
  ConversationRepository,
  ImportedConversation,
  MessageRef,
  StoredMessage,
} from "./conversation-repository";
import { StoreError } from "./store-error";
import { describeTurnWrites } from "./turn-writes.contract";

// One suite for every database behind the repository (pglite-store.test.ts, postgres-store.test.ts):
// what the server's record of conversations promises, whichever holds it. One repository serves
// the whole suite; each test works with owners and ids of its own.

export type RepositoryFactory = () => Promise<{
  conversations: ConversationRepository;
  close(): Promise<void>;
}>;

let counter = 0;
const newId = (kind: string) => `${kind}-${process.pid}-${Date.now().toString(36)}-${counter++}`;

const LIVE = 60_000;
/** Opening an embedded database takes seconds, more on a busy machine. */
const OPEN_TIMEOUT = 120_000;

const PARTS: UIPart[] = [
  { type: "reasoning", text: "先想一想 — 🤔", startedAt: 1_700_000_000_000, endedAt: 1_700_000_001_500 },
  {
    type: "tool",
    id: "call_1",
    name: "get_stock_info",
    server: "builtin",
    arguments: { symbol: "600519", nested: { list: [1, "two", null, true] } },
    status: "done",
    result: { price: 1688.5, note: 'quotes "inside" and \\ backslashes' },
    startedAt: 1_700_000_001_600,
    endedAt: 1_700_000_002_000,
  },
  { type: "text", text: "Hello **world**\n\n```ts\nconst x = 1;\n```" },
];

export function describeConversationRepository(name: string, factory: RepositoryFactory): void {
  describe(`${name}: the ConversationRepository contract`, () => {
    let repo: ConversationRepository;
    let close: () => Promise<void>;
    beforeAll(async () => {
      const opened = await factory();
      repo = opened.conversations;
      close = () => opened.close();
    }, OPEN_TIMEOUT);
    afterAll(async () => {
      await close?.();
    });

    /** A conversation of a new owner: user → assistant (done) → user. */
    async function threeTurns() {
      const owner = newId("owner");
      const conversation = await repo.createConversation(owner, { id: newId("c"), title: "Three turns" });
      const c = conversation.id;
      const q1 = await repo.appendMessage(owner, c, null, { id: newId("m"), role: "user", content: "Q1" });
      const a1 = await repo.appendMessage(owner, c, q1?.id ?? null, {
        id: newId("m"),
        role: "assistant",
        content: "A1",
        status: "done",
        model: "deepseek-flash",
        reasoning: "enabled",
      });
      const q2 = await repo.appendMessage(owner, c, a1?.id ?? null, {
        id: newId("m"),
        role: "user",
        content: "Q2",
      });
      if (!q1 || !a1 || !q2) throw new Error("append failed");
      return { owner, c, q1, a1, q2 };
    }

    async function streamingAnswer(owner: string, c: string, parentId: string, runId?: string, ttlMs = LIVE) {
      const message = await repo.appendMessage(owner, c, parentId, {
        id: newId("m"),
        role: "assistant",
        status: "streaming",
        model: "deepseek-flash",
        reasoning: "disabled",
        ...(runId ? { lease: { runId, ttlMs } } : {}),
      });
      if (!message) throw new Error("append failed");
      return { conversationId: c, messageId: message.id };
    }

    const statusOf = async (owner: string, ref: MessageRef) =>
      (await repo.getConversation(owner, ref.conversationId))?.messages.find((m) => m.id === ref.messageId)
        ?.status;

    it("creates a conversation with no messages yet", async () => {
      const owner = newId("owner");
      const id = newId("c");
      const created = await repo.createConversation(owner, { id, title: "First" });
      expect(created).toMatchObject({ id, title: "First", currentLeafId: null });
      expect(created.updatedAt).toBe(created.createdAt);
      expect(Math.abs(created.createdAt - Date.now())).toBeLessThan(60_000);
      expect(await repo.getConversation(owner, id)).toEqual({ ...created, messages: [] });
      expect(await repo.getPath(owner, id)).toEqual([]);
      expect((await repo.listConversations(owner)).conversations).toEqual([created]);
    });

    it("answers a repeated create by the same owner with what exists, and another owner's id with a conflict", async () => {
      const owner = newId("owner");
      const id = newId("c");
      const created = await repo.createConversation(owner, { id, title: "Mine" });
      expect(await repo.createConversation(owner, { id, title: "Again" })).toEqual(created);
      const taken = repo.createConversation(newId("owner"), { id, title: "Theirs" });
      await expect(taken).rejects.toBeInstanceOf(StoreError);
      await expect(taken).rejects.toMatchObject({ code: "conflict" });
      expect((await repo.getConversation(owner, id))?.title).toBe("Mine");
    });

    it("keeps a message's parts, stats and error exactly as given", async () => {
      const { owner, c, q2 } = await threeTurns();
      const ref = await streamingAnswer(owner, c, q2.id, "run-1");
      const stats = {
        tool_calls: 1,
        tool_results: 1,
        tokens: { prompt: 120, completion: 30, total: 150, reasoning: 12, cached: 100 },
        timing_ms: { first_byte: 420, total: 3100 },
      };
      const error = { finish_reason: "error" as const, message: "upstream closed", code: "provider_error" };
      const update = {
        content: "Hello **world**",
        parts: PARTS,
        stats,
        finishReason: "error" as const,
        error,
      };
      expect(await repo.updateAnswer(owner, ref, "run-1", { ...update, status: "error" })).toBe(true);
      const stored = (await repo.getConversation(owner, c))?.messages.find((m) => m.id === ref.messageId);
      expect(stored).toMatchObject({
        ...update,
        status: "error",
        model: "deepseek-flash",
        reasoning: "disabled",
      });
      expect(stored?.parts).toEqual(PARTS);
      expect(stored?.lease).toBeUndefined();
    });

    it("builds a tree: each append becomes the current leaf, siblings branch, a path runs root to leaf", async () => {
      const { owner, c, q1, a1, q2 } = await threeTurns();
      expect((await repo.getPath(owner, c))?.map((m) => m.id)).toEqual([q1.id, a1.id, q2.id]);
      expect(q1.parentId).toBeNull();
      expect(a1.parentId).toBe(q1.id);

      // Regenerate the first answer: a sibling of a1 under q1.
      const a1b = await repo.appendMessage(owner, c, q1.id, {
        id: newId("m"),
        role: "assistant",
        content: "A1b",
      });
      expect(a1b?.parentId).toBe(q1.id);
      const tree = await repo.getConversation(owner, c);
      expect(tree?.currentLeafId).toBe(a1b?.id);
      expect(tree?.messages.map((m) => m.id)).toEqual([q1.id, a1.id, q2.id, a1b?.id]);
      expect(tree?.messages.filter((m) => m.parentId === q1.id).map((m) => m.id)).toEqual([a1.id, a1b?.id]);
      expect((await repo.getPath(owner, c))?.map((m) => m.content)).toEqual(["Q1", "A1b"]);
      // Any message's path, without moving the current leaf.
      expect((await repo.getPath(owner, c, q2.id))?.map((m) => m.content)).toEqual(["Q1", "A1", "Q2"]);
      expect((await repo.getConversation(owner, c))?.currentLeafId).toBe(a1b?.id);

      // Edit the first question: a second root.
      const q1b = await repo.appendMessage(owner, c, null, { id: newId("m"), role: "user", content: "Q1b" });
      expect((await repo.getPath(owner, c))?.map((m) => m.content)).toEqual(["Q1b"]);

      expect(await repo.setCurrentLeaf(owner, c, q2.id)).toBe(true);
      expect((await repo.getPath(owner, c))?.map((m) => m.content)).toEqual(["Q1", "A1", "Q2"]);
      expect(await repo.setCurrentLeaf(owner, c, "no-such-message")).toBe(false);
      expect((await repo.getConversation(owner, c))?.currentLeafId).toBe(q2.id);
      expect(await repo.getPath(owner, c, "no-such-message")).toBeUndefined();
      expect(q1b?.parentId).toBeNull();
    });

    it("refuses a parent outside the conversation, a message as its own parent, and a repeated id", async () => {
      const { owner, c, a1, q2 } = await threeTurns();
      const other = await threeTurns();
      const before = await repo.getConversation(owner, c);
      expect(
        await repo.appendMessage(owner, c, other.q1.id, { id: newId("m"), role: "user" }),
      ).toBeUndefined();
      expect(
        await repo.appendMessage(owner, c, "no-such-parent", { id: newId("m"), role: "user" }),
      ).toBeUndefined();
      const self = newId("m");
      expect(await repo.appendMessage(owner, c, self, { id: self, role: "user" })).toBeUndefined();
      expect(
        await repo.appendMessage(owner, "no-such-conversation", null, { id: newId("m"), role: "user" }),
      ).toBe(undefined);
      await expect(repo.appendMessage(owner, c, a1.id, { id: q2.id, role: "user" })).rejects.toMatchObject({
        code: "conflict",
      });
      // Nothing of the refused appends stayed, not even the current leaf.
      expect(await repo.getConversation(owner, c)).toEqual(before);
    });

    it("moves a conversation to the top of the list when a message is added", async () => {
      const owner = newId("owner");
      const older = await repo.createConversation(owner, { id: newId("c"), title: "older" });
      const newer = await repo.createConversation(owner, { id: newId("c"), title: "newer" });
      const listed = async () => (await repo.listConversations(owner)).conversations.map((x) => x.id);
      expect((await listed()).sort()).toEqual([older.id, newer.id].sort());
      // The database keeps milliseconds: let one pass, so the order does not fall to the ids.
      while (Date.now() <= newer.updatedAt + 1) await new Promise((resolve) => setImmediate(resolve));
      await repo.appendMessage(owner, older.id, null, { id: newId("m"), role: "user", content: "hi" });
      expect((await listed())[0]).toBe(older.id);
      const [top] = (await repo.listConversations(owner)).conversations;
      expect(top?.updatedAt).toBeGreaterThanOrEqual(older.updatedAt);
    });

    it("pages through many conversations newest first, ties broken by id, each exactly once", async () => {
      const owner = newId("owner");
      const base = Date.UTC(2026, 0, 1);
      // Three conversations share each timestamp, so a page may end inside a tie.
      const list: ImportedConversation[] = Array.from({ length: 230 }, (_, i) => ({
        id: `page-${owner}-${String(i).padStart(3, "0")}`,
        title: `#${i}`,
        createdAt: base,
        updatedAt: base + Math.floor(i / 3) * 1_000 + 7,
        messages: [],
      }));
      await repo.importConversations(owner, list);
      await repo.importConversations(
        newId("owner"),
        list.slice(0, 5).map((c) => ({ ...c, id: newId("c") })),
      );
      const expected = [...list]
        .sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? 1 : -1))
        .map((c) => c.id);
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await repo.listConversations(owner, { limit: 25, ...(cursor ? { cursor } : {}) });
        expect(page.conversations.length).toBeLessThanOrEqual(25);
        seen.push(...page.conversations.map((c) => c.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 20);
      expect(pages).toBe(10);
      expect(seen).toEqual(expected);
      expect((await repo.listConversations(owner, { limit: 1_000 })).conversations).toHaveLength(100);
      expect((await repo.listConversations(owner, { limit: 0 })).conversations).toHaveLength(1);
      await expect(repo.listConversations(owner, { cursor: "not-a-cursor" })).rejects.toMatchObject({
        code: "invalid_cursor",
      });
    });

    it("lists what changed after `since`, oldest change first, deletions included", async () => {
      const owner = newId("owner");
      const ids = async (since: number) =>
        (await repo.listConversations(owner, { since })).conversations.map((c) => c.id);
      const a = await repo.createConversation(owner, { id: newId("c"), title: "a" });
      const b = await repo.createConversation(owner, { id: newId("c"), title: "b" });
      expect(b.changedAt).toBeGreaterThanOrEqual(a.changedAt);
      const start = b.changedAt;
      expect(await ids(start)).toEqual([]);
      expect(await ids(a.changedAt - 1)).toEqual(expect.arrayContaining([a.id, b.id]));

      // A rename is a change, and does not move the conversation in the sidebar's order.
      await until(
        async () => (await repo.createConversation(owner, { id: newId("c"), title: "t" })).changedAt > start,
      );
      expect(await repo.renameConversation(owner, a.id, "a renamed")).toBe(true);
      const renamed = (await repo.listConversations(owner, { since: start })).conversations.find(
        (c) => c.id === a.id,
      );
      expect(renamed).toMatchObject({ title: "a renamed", updatedAt: a.updatedAt });
      expect(renamed?.changedAt).toBeGreaterThan(start);
      const changes = (await repo.listConversations(owner, { since: start })).conversations;
      expect(changes.map((c) => c.changedAt)).toEqual(
        [...changes.map((c) => c.changedAt)].sort((x, y) => x - y),
      );
      // The rename is among the changes; a conversation made in the same millisecond may sort after it.
      expect(changes.map((c) => c.id)).toContain(a.id);

      // Adding a message and showing another version are changes too.
      const latest = Math.max(...changes.map((c) => c.changedAt));
      await until(
        async () => (await repo.createConversation(owner, { id: newId("c"), title: "t" })).changedAt > latest,
      );
      const m = await repo.appendMessage(owner, b.id, null, { id: newId("m"), role: "user", content: "q" });
      expect(m).toBeDefined();
      expect(await ids(latest)).toContain(b.id);

      // A deletion: gone from the pages and from reads, a tombstone in `since`.
      const beforeDelete = Math.max(
        ...(await repo.listConversations(owner, { since: 0 })).conversations.map((c) => c.changedAt),
      );
      await until(
        async () =>
          (await repo.createConversation(owner, { id: newId("c"), title: "t" })).changedAt > beforeDelete,
      );
      expect(await repo.deleteConversation(owner, b.id)).toBe(true);
      const tombstone = (await repo.listConversations(owner, { since: beforeDelete })).conversations.find(
        (c) => c.id === b.id,
      );
      expect(tombstone).toMatchObject({ id: b.id, title: "", deleted: true, currentLeafId: null });
      expect((await repo.listConversations(owner)).conversations.map((c) => c.id)).not.toContain(b.id);
      expect(await repo.getConversation(owner, b.id)).toBeUndefined();
      expect(await repo.appendMessage(owner, b.id, null, { id: newId("m"), role: "user" })).toBeUndefined();
      expect(await repo.setCurrentLeaf(owner, b.id, m?.id ?? "")).toBe(false);
      // Another owner never sees this owner's changes.
      expect((await repo.listConversations(newId("owner"), { since: 0 })).conversations).toEqual([]);
    });

    it("pages the changes of one millisecond (an import) with a cursor, missing none", async () => {
      const owner = newId("owner");
      const list = Array.from({ length: 7 }, (_, i) => ({
        id: `burst-${owner}-${i}`,
        title: `#${i}`,
        createdAt: 1,
        updatedAt: 1,
        messages: [],
      }));
      await repo.importConversations(owner, list);
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await repo.listConversations(owner, {
          since: 0,
          limit: 3,
          ...(cursor ? { cursor } : {}),
        });
        seen.push(...page.conversations.map((c) => c.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      expect([...seen].sort()).toEqual(list.map((c) => c.id).sort());
    });

    it("purges old tombstones, and an import never brings a deleted conversation back", async () => {
      const owner = newId("owner");
      const c = await repo.createConversation(owner, { id: newId("c"), title: "doomed" });
      expect(await repo.deleteConversation(owner, c.id)).toBe(true);
      const imported = await repo.importConversations(owner, [
        { id: c.id, title: "from a browser", createdAt: 1, updatedAt: 1, messages: [] },
      ]);
      expect(imported).toEqual({ imported: [], skipped: [c.id] });
      expect(await repo.getConversation(owner, c.id)).toBeUndefined();
      const tombstone = (await repo.listConversations(owner, { since: 0 })).conversations;
      expect(tombstone).toEqual([expect.objectContaining({ id: c.id, deleted: true })]);
      expect(await repo.purgeDeleted(tombstone[0]?.changedAt ?? 0)).toBeGreaterThanOrEqual(1);
      expect((await repo.listConversations(owner, { since: 0 })).conversations).toEqual([]);
    });

    it("renames and deletes; deleting takes the messages and leaves the usage ledger", async () => {
      const { owner, c, a1 } = await threeTurns();
      expect(await repo.renameConversation(owner, c, "Renamed")).toBe(true);
      expect((await repo.getConversation(owner, c))?.title).toBe("Renamed");
      const usage = usageOf(c, a1.id);
      expect(await repo.recordUsage(owner, usage)).toBe(true);
      expect(await repo.deleteConversation(owner, c)).toBe(true);
      expect(await repo.getConversation(owner, c)).toBeUndefined();
      expect(await repo.getPath(owner, c)).toBeUndefined();
      expect(await repo.deleteConversation(owner, c)).toBe(false);
      expect(await repo.renameConversation(owner, c, "Gone")).toBe(false);
      expect(await repo.getUsage(owner, usage)).toMatchObject(usage);
      // The same id is free again for its owner (not for another), and starts empty.
      await expect(repo.createConversation(newId("owner"), { id: c, title: "Theirs" })).rejects.toMatchObject(
        {
          code: "conflict",
        },
      );
      await repo.createConversation(owner, { id: c, title: "Again" });
      expect(await repo.getConversation(owner, c)).toMatchObject({ title: "Again", messages: [] });
    });

    it("records one usage row per answer, a second record replacing the first", async () => {
      const { owner, c, a1 } = await threeTurns();
      const first = usageOf(c, a1.id);
      expect(await repo.recordUsage(owner, first)).toBe(true);
      expect(await repo.getUsage(owner, first)).toEqual({ ...first, createdAt: expect.any(Number) });
      // A model with no price: the second record has no cost, and the row's cost goes back to none.
      const {
        cacheHitTokens: _hit,
        cacheMissTokens: _miss,
        reasoningTokens: _r,
        costUsd: _u,
        costCny: _c,
        ...bare
      } = first;
      const second = {
        ...bare,
        model: "other",
        promptTokens: 1,
        completionTokens: 2,
        totalTokens: 3,
        firstByteMs: null,
      };
      expect(await repo.recordUsage(owner, second)).toBe(true);
      expect(await repo.getUsage(owner, first)).toEqual({ ...second, createdAt: expect.any(Number) });
      expect(await repo.recordUsage(owner, usageOf(c, "no-such-message"))).toBe(false);
    });

    describe("an answer's run and its lease", () => {
      it("lets only the run holding a streaming answer save it, and ends the lease with the answer", async () => {
        const { owner, c, q2 } = await threeTurns();
        const ref = await streamingAnswer(owner, c, q2.id, "run-a");
        const [held] =
          (await repo.getConversation(owner, c))?.messages.filter((m) => m.id === ref.messageId) ?? [];
        expect(held?.lease?.runId).toBe("run-a");
        expect(held?.lease?.expiresAt).toBeGreaterThan(Date.now() + LIVE / 2);
        expect(await repo.updateAnswer(owner, ref, "run-b", { content: "hijack" })).toBe(false);
        expect(
          await repo.updateAnswer(owner, ref, "run-a", { content: "part", parts: [PARTS[2] as UIPart] }),
        ).toBe(true);
        expect(
          await repo.updateAnswer(owner, ref, "run-a", {
            content: "all",
            status: "done",
            finishReason: "stop",
          }),
        ).toBe(true);
        const done = (await repo.getConversation(owner, c))?.messages.find((m) => m.id === ref.messageId);
        expect(done).toMatchObject({
          content: "all",
          status: "done",
          finishReason: "stop",
          parts: [PARTS[2]],
        });
        expect(done?.lease).toBeUndefined();
        // A finished answer is no run's to write, nor to claim.
        expect(await repo.updateAnswer(owner, ref, "run-a", { content: "late" })).toBe(false);
        expect(await repo.claimLease(owner, ref, "run-b", LIVE)).toBe(false);
        expect(
          (await repo.getConversation(owner, c))?.messages.find((m) => m.id === ref.messageId)?.content,
        ).toBe("all");
      });

      it("keeps a resumable answer's stream id while it streams, and drops it when it ends or is interrupted", async () => {
        const { owner, c, q2 } = await threeTurns();
        const streamOf = async (id: string) =>
          (await repo.getConversation(owner, c))?.messages.find((m) => m.id === id)?.streamId;
        const answer = await repo.appendMessage(owner, c, q2.id, {
          id: newId("m"),
          role: "assistant",
          status: "streaming",
          lease: { runId: "run-s", ttlMs: LIVE },
          streamId: "stream-1",
        });
        if (!answer) throw new Error("append failed");
        expect(answer.streamId).toBe("stream-1");
        const ref = { conversationId: c, messageId: answer.id };
        expect(await repo.updateAnswer(owner, ref, "run-s", { content: "so far", leaseTtlMs: LIVE })).toBe(
          true,
        );
        expect(await streamOf(answer.id)).toBe("stream-1");
        expect(await repo.updateAnswer(owner, ref, "run-s", { status: "done" })).toBe(true);
        expect(await streamOf(answer.id)).toBeUndefined();

        const lapsed = await repo.appendMessage(owner, c, q2.id, {
          id: newId("m"),
          role: "assistant",
          status: "streaming",
          lease: { runId: "run-t", ttlMs: 0 },
          streamId: "stream-2",
        });
        if (!lapsed) throw new Error("append failed");
        await repo.interruptLapsed({ conversationId: c });
        expect(await statusOf(owner, { conversationId: c, messageId: lapsed.id })).toBe("interrupted");
        expect(await streamOf(lapsed.id)).toBeUndefined();
      });

      it("is claimed when free or lapsed, renewed only by its holder, and not taken while live", async () => {
        const { owner, c, q2 } = await threeTurns();
        const ref = await streamingAnswer(owner, c, q2.id);
        expect(await repo.claimLease(owner, ref, "run-a", LIVE)).toBe(true);
        expect(await repo.claimLease(owner, ref, "run-b", LIVE)).toBe(false);
        expect(await repo.renewLease(owner, ref, "run-b", LIVE)).toBe(false);
        expect(await repo.renewLease(owner, ref, "run-a", LIVE)).toBe(true);
        expect(await repo.claimLease(owner, ref, "run-a", LIVE)).toBe(true);
        // run-a stops renewing: its lease lapses (a ttl of 0 lapses at once) and run-b may take over.
        expect(await repo.renewLease(owner, ref, "run-a", 0)).toBe(true);
        expect(await repo.claimLease(owner, ref, "run-b", LIVE)).toBe(true);
        expect(await repo.renewLease(owner, ref, "run-a", LIVE)).toBe(false);
        expect(await repo.updateAnswer(owner, ref, "run-a", { content: "stale" })).toBe(false);
        expect(await repo.updateAnswer(owner, ref, "run-b", { content: "fresh", leaseTtlMs: LIVE })).toBe(
          true,
        );
      });

      it("marks as interrupted the streaming answers whose lease lapsed or that have none, and only those", async () => {
        const { owner, c, q1, a1, q2 } = await threeTurns();
        const live = await streamingAnswer(owner, c, q2.id, "run-live");
        const lapsed = await streamingAnswer(owner, c, q2.id, "run-dead", 0);
        const unheld = await streamingAnswer(owner, c, q2.id);
        const renewedLate = await streamingAnswer(owner, c, q2.id, "run-late", 0);
        expect(await repo.renewLease(owner, renewedLate, "run-late", LIVE)).toBe(true);
        const elsewhere = await threeTurns();
        const theirs = await streamingAnswer(elsewhere.owner, elsewhere.c, elsewhere.q2.id, "run-x", 0);

        const marked = await repo.interruptLapsed({ ownerId: owner });
        const key = (ref: MessageRef) => `${ref.conversationId}/${ref.messageId}`;
        expect(marked.map(key).sort()).toEqual([lapsed, unheld].map(key).sort());
        expect(await statusOf(owner, live)).toBe("streaming");
        expect(await statusOf(owner, renewedLate)).toBe("streaming");
        expect(await statusOf(owner, lapsed)).toBe("interrupted");
        expect(await statusOf(owner, unheld)).toBe("interrupted");
        expect(await statusOf(elsewhere.owner, theirs)).toBe("streaming");
        const others = (await repo.getConversation(owner, c))?.messages.filter((m) =>
          [q1.id, a1.id, q2.id].includes(m.id),
        );
        expect(others?.map((m) => m.status)).toEqual([undefined, "done", undefined]);
        // What was interrupted has no lease, and its run can no longer write it.
        expect(await repo.updateAnswer(owner, lapsed, "run-dead", { content: "late" })).toBe(false);
        expect(await repo.interruptLapsed({ ownerId: owner })).toEqual([]);

        expect(await repo.interruptLapsed({ conversationId: elsewhere.c })).toEqual([theirs]);
      });
    });

    describe("owner isolation", () => {
      it("shows another owner's conversation to no one else, and lets no one else change it", async () => {
        const { owner, c, a1, q2 } = await threeTurns();
        const ref = await streamingAnswer(owner, c, q2.id, "run-a", 0);
        const usage = usageOf(c, a1.id);
        await repo.recordUsage(owner, usage);
        const before = await repo.getConversation(owner, c);
        const intruder = newId("owner");
        await repo.createConversation(intruder, { id: newId("c"), title: "intruder's own" });

        expect(await repo.getConversation(intruder, c)).toBeUndefined();
        expect(await repo.getPath(intruder, c)).toBeUndefined();
        expect(await repo.getPath(intruder, c, q2.id)).toBeUndefined();
        expect((await repo.listConversations(intruder)).conversations.map((x) => x.id)).not.toContain(c);
        expect(await repo.renameConversation(intruder, c, "mine now")).toBe(false);
        expect(await repo.deleteConversation(intruder, c)).toBe(false);
        expect(
          await repo.appendMessage(intruder, c, q2.id, { id: newId("m"), role: "user" }),
        ).toBeUndefined();
        expect(await repo.appendMessage(intruder, c, null, { id: newId("m"), role: "user" })).toBeUndefined();
        expect(await repo.setCurrentLeaf(intruder, c, a1.id)).toBe(false);
        expect(await repo.claimLease(intruder, ref, "run-x", LIVE)).toBe(false);
        expect(await repo.renewLease(intruder, ref, "run-a", LIVE)).toBe(false);
        expect(await repo.updateAnswer(intruder, ref, "run-a", { content: "x" })).toBe(false);
        expect(await repo.interruptLapsed({ ownerId: intruder })).toEqual([]);
        expect(await repo.recordUsage(intruder, { ...usage, model: "forged" })).toBe(false);
        expect(await repo.getUsage(intruder, usage)).toBeUndefined();
        const imported = await repo.importConversations(intruder, [
          { id: c, title: "forged", createdAt: 1, updatedAt: 1, messages: [] },
        ]);
        expect(imported).toEqual({ imported: [], skipped: [c] });

        expect(await repo.getConversation(owner, c)).toEqual(before);
        expect((await repo.getUsage(owner, usage))?.model).toBe(usage.model);
      });
    });

    describe("importing a browser's conversations", () => {
      const fromBrowser = (owner: string): ImportedConversation => ({
        id: `import-${owner}`,
        title: "From IndexedDB",
        createdAt: Date.UTC(2025, 5, 1, 8),
        updatedAt: Date.UTC(2025, 5, 1, 9),
        messages: [
          {
            id: "u1",
            role: "user",
            content: "Q",
            parts: [{ type: "text", text: "Q" }],
            createdAt: Date.UTC(2025, 5, 1, 8),
          },
          {
            id: "a1",
            role: "assistant",
            content: "Hello **world**\n\n```ts\nconst x = 1;\n```",
            parts: PARTS,
            createdAt: Date.UTC(2025, 5, 1, 8, 1),
            status: "done",
            model: "deepseek-flash",
            reasoning: "enabled",
            finishReason: "stop",
          },
          { id: "u2", role: "user", content: "more", parts: [], createdAt: Date.UTC(2025, 5, 1, 8, 30) },
          {
            id: "a2",
            role: "assistant",
            content: "cut",
            parts: [],
            createdAt: Date.UTC(2025, 5, 1, 8, 31),
            status: "streaming",
          },
        ],
      });

      it("imports a conversation as one branch, with its times, and a streaming answer as interrupted", async () => {
        const owner = newId("owner");
        const conversation = fromBrowser(owner);
        expect(await repo.importConversations(owner, [conversation])).toEqual({
          imported: [conversation.id],
          skipped: [],
        });
        const tree = await repo.getConversation(owner, conversation.id);
        expect(tree).toMatchObject({
          title: "From IndexedDB",
          createdAt: conversation.createdAt,
          updatedAt: conversation.updatedAt,
          currentLeafId: "a2",
        });
        const path = (await repo.getPath(owner, conversation.id)) ?? [];
        expect(path.map((m) => [m.id, m.parentId])).toEqual([
          ["u1", null],
          ["a1", "u1"],
          ["u2", "a1"],
          ["a2", "u2"],
        ]);
        const [, a1, , a2] = path as [StoredMessage, StoredMessage, StoredMessage, StoredMessage];
        expect(a1).toMatchObject({
          parts: PARTS,
          status: "done",
          model: "deepseek-flash",
          finishReason: "stop",
        });
        expect(a1.createdAt).toBe(Date.UTC(2025, 5, 1, 8, 1));
        expect(a2.status).toBe("interrupted");
      });

      it("is idempotent, and never imports into or over another owner", async () => {
        const owner = newId("owner");
        const conversation = fromBrowser(owner);
        const twice = [conversation, { ...conversation, title: "a duplicate in the same batch" }];
        expect(await repo.importConversations(owner, twice)).toEqual({
          imported: [conversation.id],
          skipped: [],
        });
        const before = await repo.getConversation(owner, conversation.id);
        expect(await repo.importConversations(owner, [{ ...conversation, title: "changed" }])).toEqual({
          imported: [],
          skipped: [conversation.id],
        });
        const other = newId("owner");
        const theirs = { ...fromBrowser(other), id: newId("c") };
        expect(await repo.importConversations(other, [conversation, theirs])).toEqual({
          imported: [theirs.id],
          skipped: [conversation.id],
        });
        expect(await repo.getConversation(owner, conversation.id)).toEqual(before);
        expect(await repo.getConversation(other, conversation.id)).toBeUndefined();
        expect((await repo.getConversation(other, theirs.id))?.messages).toHaveLength(4);
        expect(await repo.importConversations(owner, [])).toEqual({ imported: [], skipped: [] });
      });
    });

    describeTurnWrites(() => repo);
  });
}

function usageOf(conversationId: string, messageId: string) {
  return {
    conversationId,
    messageId,
    model: "deepseek-flash",
    promptTokens: 1_200,
    cacheHitTokens: 1_024,
    cacheMissTokens: 176,
    completionTokens: 300,
    reasoningTokens: 120,
    totalTokens: 1_500,
    firstByteMs: 640,
    totalMs: 5_210,
    // Not round in binary: the column keeps a double exactly.
    costUsd: 0.000_212_472,
    costCny: 0.001_420_48,
  };
}

/** Repeats `step` until it reports true: the database's clock moving past a time, a millisecond on. */
async function until(step: () => Promise<boolean>): Promise<void> {
  for (let tries = 0; tries < 1_000; tries++) if (await step()) return;
  throw new Error("the database's clock did not move on");
}
