import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UIPart } from "@/lib/chat-client/types";
import type { ArchivedConversation, ArchiveRepository } from "./archive-repository";
import type { ConversationRepository, ConversationTree, StoredMessage } from "./conversation-repository";

// One suite for every database behind the archive (pglite-store.test.ts, postgres-store.test.ts):
// an owner's export, whole and paged, and its restore, exact, atomic, and into that owner only.

export type ArchiveFactory = () => Promise<{
  conversations: ConversationRepository;
  archive: ArchiveRepository;
  close(): Promise<void>;
}>;

let counter = 0;
const newId = (kind: string) => `${kind}-${process.pid}-${Date.now().toString(36)}-${counter++}`;
const OPEN_TIMEOUT = 120_000;

const PARTS: UIPart[] = [
  { type: "reasoning", text: "先想一想 🤔", startedAt: 1_700_000_000_000, endedAt: 1_700_000_001_500 },
  {
    type: "tool",
    id: "call_1",
    name: "get_stock_info",
    server: "builtin",
    arguments: { symbol: "600519" },
    status: "done",
    result: { price: 1688.5, note: "```fenced``` </details>" },
    startedAt: 1_700_000_001_600,
    endedAt: 1_700_000_002_000,
  },
  { type: "text", text: "The price is **1688.5**." },
];
const STATS = {
  tool_calls: 1,
  tool_results: 1,
  tokens: { prompt: 120, completion: 30, total: 150, reasoning: 12, cached: 100 },
  timing_ms: { first_byte: 420, total: 3100 },
};

/** A file's conversation, as another server might have written it: two versions of an answer. */
function branched(id = newId("c")): ArchivedConversation {
  const m = (suffix: string) => `${id}-${suffix}`;
  const at = Date.UTC(2025, 0, 2, 3, 4, 5, 6);
  return {
    id,
    title: "茅台 and a branch",
    createdAt: at,
    updatedAt: at + 9_000,
    currentLeafId: m("a1"),
    messages: [
      { id: m("q"), parentId: null, role: "user", content: "股价?", parts: [], createdAt: at, updatedAt: at },
      {
        id: m("a0"),
        parentId: m("q"),
        role: "assistant",
        content: "first version",
        parts: [{ type: "text", text: "first version" }],
        createdAt: at + 1_000,
        updatedAt: at + 2_000,
        status: "stopped",
        model: "deepseek-flash",
        reasoning: "disabled",
      },
      {
        id: m("a1"),
        parentId: m("q"),
        role: "assistant",
        content: "The price is **1688.5**.",
        parts: PARTS,
        createdAt: at + 3_000,
        updatedAt: at + 9_000,
        status: "error",
        model: "deepseek-v4-pro",
        reasoning: "enabled",
        stats: STATS,
        finishReason: "error",
        error: { finish_reason: "error", message: "upstream closed", code: "provider_error" },
      },
    ],
  };
}

/** A tree with its ids replaced by what each message says and where it stands: equal modulo ids. */
function shape(tree: ConversationTree | ArchivedConversation) {
  const label = new Map(tree.messages.map((m) => [m.id, `${m.role}:${m.content}@${m.createdAt}`]));
  const name = (id: string | null) => (id === null ? null : label.get(id));
  return {
    title: tree.title,
    createdAt: tree.createdAt,
    updatedAt: tree.updatedAt,
    currentLeaf: name(tree.currentLeafId),
    messages: tree.messages
      .map(({ id, parentId, ...rest }: Omit<StoredMessage, "lease" | "streamId">) => ({
        ...rest,
        at: name(id),
        parent: name(parentId),
      }))
      .sort((a, b) => String(a.at).localeCompare(String(b.at))),
  };
}

export function describeArchiveRepository(name: string, factory: ArchiveFactory): void {
  describe(`${name}: the ArchiveRepository contract`, () => {
    let repo: ConversationRepository;
    let archive: ArchiveRepository;
    let close: () => Promise<void>;
    beforeAll(async () => {
      const opened = await factory();
      ({ conversations: repo, archive } = opened);
      close = () => opened.close();
    }, OPEN_TIMEOUT);
    afterAll(async () => {
      await close?.();
    });

    const exported = async (owner: string, pageSize?: number) => {
      const trees: ConversationTree[] = [];
      for await (const tree of archive.exportConversations(owner, pageSize ? { pageSize } : {}))
        trees.push(tree);
      return trees;
    };

    it("restores a file exactly: ids, tree, current leaf, statuses, parts, stats, titles and times", async () => {
      const owner = newId("owner");
      const file = branched();
      expect(await archive.restoreConversations(owner, [file])).toEqual([{ id: file.id, sourceId: file.id }]);
      const tree = await repo.getConversation(owner, file.id);
      const { messages, ...summary } = tree ?? { messages: [] };
      expect(summary).toMatchObject({
        id: file.id,
        title: file.title,
        createdAt: file.createdAt,
        updatedAt: file.updatedAt,
        currentLeafId: file.currentLeafId,
      });
      expect(messages).toEqual(file.messages);
      expect(await repo.getPath(owner, file.id)).toEqual([file.messages[0], file.messages[2]]);
      // Its owner's other devices hear of it.
      const since = (await repo.listConversations(owner, { since: 0 })).conversations;
      expect(since.map((c) => c.id)).toEqual([file.id]);
    });

    it("exports every live conversation of the owner whole, a page at a time, and restores it equal", async () => {
      const owner = newId("owner");
      const files = Array.from({ length: 5 }, () => branched());
      await archive.restoreConversations(owner, files);
      await archive.restoreConversations(newId("owner"), [branched()]);
      const gone = await repo.createConversation(owner, { id: newId("c"), title: "deleted" });
      await repo.deleteConversation(owner, gone.id);

      const trees = await exported(owner, 2);
      expect(trees.map((t) => t.id).sort()).toEqual(files.map((f) => f.id).sort());
      for (const tree of trees) {
        const file = files.find((f) => f.id === tree.id);
        expect(tree.messages).toEqual(file?.messages);
      }
      expect(await exported(newId("owner"))).toEqual([]);
    });

    it("gives a conversation whose id is taken new ids, its messages' too, parents and leaf following", async () => {
      const owner = newId("owner");
      const file = branched();
      await archive.restoreConversations(owner, [file]);
      const before = await repo.getConversation(owner, file.id);
      const [copy] = await archive.restoreConversations(owner, [file]);
      expect(copy?.sourceId).toBe(file.id);
      expect(copy?.id).not.toBe(file.id);
      const restored = await repo.getConversation(owner, copy?.id ?? "");
      if (!restored || !before) throw new Error("not restored");
      expect(shape(restored)).toEqual(shape(file));
      const oldIds = new Set(file.messages.map((m) => m.id));
      expect(restored.messages.filter((m) => oldIds.has(m.id))).toEqual([]);
      expect(restored.messages.some((m) => m.id === restored.currentLeafId)).toBe(true);
      // The original is untouched.
      expect(await repo.getConversation(owner, file.id)).toEqual(before);
    });

    it("never writes into or over another owner's conversation", async () => {
      const owner = newId("owner");
      const intruder = newId("owner");
      const file = branched();
      await archive.restoreConversations(owner, [file]);
      const before = await repo.getConversation(owner, file.id);
      const [copy] = await archive.restoreConversations(intruder, [{ ...file, title: "forged" }]);
      expect(copy?.id).not.toBe(file.id);
      expect(await repo.getConversation(owner, file.id)).toEqual(before);
      expect(await repo.getConversation(intruder, file.id)).toBeUndefined();
      expect((await exported(intruder)).map((t) => t.title)).toEqual(["forged"]);
      expect((await exported(owner)).map((t) => t.id)).toEqual([file.id]);
    });

    it("takes a deleted conversation's id as taken, and a message left streaming arrives interrupted", async () => {
      const owner = newId("owner");
      const id = newId("c");
      await repo.createConversation(owner, { id, title: "soon gone" });
      await repo.deleteConversation(owner, id);
      const file = branched(id);
      const last = file.messages[2];
      if (!last) throw new Error("no answer");
      last.status = "streaming";
      const [copy] = await archive.restoreConversations(owner, [file]);
      expect(copy?.id).not.toBe(id);
      const restored = await repo.getConversation(owner, copy?.id ?? "");
      expect(restored?.messages.map((m) => m.status).sort()).toEqual(
        ["interrupted", "stopped", undefined].sort(),
      );
      expect(restored?.messages.every((m) => m.lease === undefined && m.streamId === undefined)).toBe(true);
    });

    it("restores all or nothing: a file that fails halfway leaves no conversation behind", async () => {
      const owner = newId("owner");
      const good = branched();
      const bad = branched();
      // Past the checks of export-file.ts, which would refuse it: the database refuses it too.
      bad.messages[1] = { ...(bad.messages[1] as StoredMessage), parentId: "nowhere" };
      await expect(archive.restoreConversations(owner, [good, bad])).rejects.toThrow();
      expect(await repo.getConversation(owner, good.id)).toBeUndefined();
      expect(await exported(owner)).toEqual([]);
    });

    it("restores a large file in several statements", async () => {
      const owner = newId("owner");
      const at = Date.UTC(2025, 1, 1);
      const id = newId("c");
      const messages = Array.from({ length: 1_203 }, (_, i) => ({
        id: `${id}-${i}`,
        parentId: i === 0 ? null : `${id}-${i - 1}`,
        role: i % 2 === 0 ? ("user" as const) : ("assistant" as const),
        content: `turn ${i}`,
        parts: [],
        createdAt: at + i,
        updatedAt: at + i,
      }));
      const list = [
        { id, title: "long", createdAt: at, updatedAt: at + 1_202, currentLeafId: `${id}-1202`, messages },
      ];
      await archive.restoreConversations(owner, list);
      expect(await repo.getPath(owner, id)).toHaveLength(1_203);
    });
  });
}
