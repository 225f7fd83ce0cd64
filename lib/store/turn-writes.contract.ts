import { describe, expect, it } from "vitest";
import type { ConversationRepository, NewTurn } from "./conversation-repository";

// Part of the repository's contract (conversation-repository.contract.ts runs it on every
// database): the writes of one chat turn, each a single call. beginTurn stores a question and its
// streaming answer before the model is called, all or nothing; finishAnswer ends the answer with
// its usage row.

let counter = 0;
const newId = (kind: string) => `${kind}-turn-${process.pid}-${Date.now().toString(36)}-${counter++}`;
const LIVE = 60_000;

const USAGE = {
  model: "deepseek-flash",
  promptTokens: 900,
  cacheHitTokens: 512,
  cacheMissTokens: 388,
  completionTokens: 80,
  totalTokens: 980,
  firstByteMs: 300,
  totalMs: 2_400,
  costUsd: 0.000_051_636,
  costCny: 0.000_368_24,
};

function turn(conversationId: string, parentId: string | null, fields: Partial<NewTurn> = {}): NewTurn {
  return {
    conversationId,
    parentId,
    question: { id: newId("q"), content: "What is 2 + 2?" },
    answer: {
      id: newId("a"),
      model: "deepseek-flash",
      reasoning: "enabled",
      lease: { runId: newId("run"), ttlMs: LIVE },
      streamId: newId("s"),
    },
    ...fields,
  };
}

export function describeTurnWrites(repoOf: () => ConversationRepository): void {
  describe("a chat turn's writes", () => {
    /** A conversation begun by its first question, answered and finished. */
    async function firstTurn(owner = newId("owner")) {
      const repo = repoOf();
      const first = turn(newId("c"), null, { title: "Sums" });
      const begun = await repo.beginTurn(owner, first);
      if (!begun.ok || !first.question) throw new Error("beginTurn failed");
      const ref = { conversationId: first.conversationId, messageId: first.answer.id };
      await repo.finishAnswer(owner, ref, first.answer.lease.runId, { content: "4", status: "done" });
      return { repo, owner, c: first.conversationId, q: first.question.id, a: first.answer.id };
    }

    it("creates the conversation with a first question, stores it and the streaming answer, and returns the path", async () => {
      const repo = repoOf();
      const owner = newId("owner");
      const first = turn(newId("c"), null, { title: "Sums" });
      const begun = await repo.beginTurn(owner, first);
      expect(begun).toEqual({
        ok: true,
        path: [
          {
            id: first.question?.id,
            parentId: null,
            role: "user",
            content: "What is 2 + 2?",
            parts: [],
            createdAt: expect.any(Number),
            updatedAt: expect.any(Number),
          },
        ],
      });
      const tree = await repo.getConversation(owner, first.conversationId);
      expect(tree).toMatchObject({ title: "Sums", currentLeafId: first.answer.id });
      expect(tree?.messages.map((m) => [m.id, m.parentId])).toEqual(
        expect.arrayContaining([
          [first.question?.id, null],
          [first.answer.id, first.question?.id],
        ]),
      );
      const answer = tree?.messages.find((m) => m.id === first.answer.id);
      expect(answer).toMatchObject({
        role: "assistant",
        status: "streaming",
        content: "",
        parts: [],
        model: "deepseek-flash",
        reasoning: "enabled",
        streamId: first.answer.streamId,
        lease: { runId: first.answer.lease.runId },
      });
      expect(answer?.lease?.expiresAt).toBeGreaterThan(Date.now() + LIVE / 2);
      // The question lists before its answer, whatever their ids.
      expect(begun.ok && begun.path[0]?.createdAt).toBeLessThan(answer?.createdAt ?? 0);
      expect(tree?.messages.map((m) => m.id)).toEqual([first.question?.id, first.answer.id]);
    });

    it("continues a conversation from the parent named, and regenerates a question's answer as a sibling", async () => {
      const { repo, owner, c, q, a } = await firstTurn();
      const second = turn(c, a);
      const continued = await repo.beginTurn(owner, second);
      expect(continued.ok && continued.path.map((m) => [m.id, m.content])).toEqual([
        [q, "What is 2 + 2?"],
        [a, "4"],
        [second.question?.id, "What is 2 + 2?"],
      ]);
      // A regenerate of the first question: its path is only that question, not the other branch.
      const again = turn(c, q);
      delete again.question;
      const regenerated = await repo.beginTurn(owner, again);
      expect(regenerated.ok && regenerated.path.map((m) => m.id)).toEqual([q]);
      const tree = await repo.getConversation(owner, c);
      expect(tree?.currentLeafId).toBe(again.answer.id);
      expect(tree?.messages.filter((m) => m.parentId === q).map((m) => m.id)).toEqual([a, again.answer.id]);
    });

    it("refuses a turn it cannot store, and keeps nothing of it", async () => {
      const { repo, owner, c, q, a } = await firstTurn();
      const before = await repo.getConversation(owner, c);
      const refused = async (of: string, t: NewTurn) => {
        const begun = await repo.beginTurn(of, t);
        return begun.ok ? "stored" : begun.refused;
      };
      expect(await refused(newId("owner"), turn(c, null, { title: "Mine now" }))).toBe("conversation_taken");
      expect(await refused(newId("owner"), turn(c, a))).toBe("not_found");
      expect(await refused(owner, turn(newId("c"), q))).toBe("not_found");
      expect(await refused(owner, turn(c, "no-such-parent"))).toBe("not_found");
      const regenerate = turn(c, a);
      delete regenerate.question;
      expect(await refused(owner, regenerate)).toBe("not_a_question");
      expect(await refused(owner, turn(c, a, { question: { id: q, content: "again" } }))).toBe(
        "question_exists",
      );
      const repeated = turn(c, a);
      expect(await refused(owner, { ...repeated, answer: { ...repeated.answer, id: a } })).toBe(
        "answer_exists",
      );
      // A question as its own parent is refused as a missing parent, as appendMessage refuses it.
      const self = newId("q");
      expect(await refused(owner, turn(c, null, { title: "T", question: { id: self, content: "x" } }))).toBe(
        "stored",
      );
      expect(await refused(owner, turn(c, self, { question: { id: self, content: "x" } }))).toBe("not_found");
      const after = await repo.getConversation(owner, c);
      // Only the one turn that was stored changed the conversation.
      expect(after?.messages.filter((m) => m.id !== self && m.parentId !== self)).toEqual(before?.messages);
      expect(after?.title).toBe("Sums");
    });

    it("treats a deleted conversation as gone: no turn continues it, a first question starts it again", async () => {
      const { repo, owner, c, a } = await firstTurn();
      expect(await repo.deleteConversation(owner, c)).toBe(true);
      const continued = await repo.beginTurn(owner, turn(c, a));
      expect(continued.ok ? "stored" : continued.refused).toBe("not_found");
      const again = turn(c, null, { title: "Again" });
      const begun = await repo.beginTurn(owner, again);
      expect(begun.ok && begun.path.map((m) => m.id)).toEqual([again.question?.id]);
      const tree = await repo.getConversation(owner, c);
      expect(tree).toMatchObject({ title: "Again", currentLeafId: again.answer.id });
      expect(tree?.messages.map((m) => m.id)).toEqual([again.question?.id, again.answer.id]);
    });

    it("keeps the effort an answer was asked with, and none when none was asked", async () => {
      const repo = repoOf();
      const owner = newId("owner");
      const first = turn(newId("c"), null, { title: "Effort" });
      await repo.beginTurn(owner, { ...first, answer: { ...first.answer, effort: "max" } });
      const plain = turn(first.conversationId, first.answer.id);
      await repo.beginTurn(owner, plain);
      const stored = (await repo.getConversation(owner, first.conversationId))?.messages;
      expect(stored?.find((m) => m.id === first.answer.id)?.effort).toBe("max");
      expect(stored?.find((m) => m.id === plain.answer.id)).not.toHaveProperty("effort");
    });

    it("keeps an answer's text exactly as it was saved, whatever its characters", async () => {
      const repo = repoOf();
      const owner = newId("owner");
      const first = turn(newId("c"), null, { title: "Text" });
      await repo.beginTurn(owner, first);
      const ref = { conversationId: first.conversationId, messageId: first.answer.id };
      const runId = first.answer.lease.runId;
      // CJK, an emoji (a surrogate pair), combining marks, quotes and backslashes a JSON text
      // escapes, a line break; long enough that the database compresses it.
      const text = '贵州茅台 600519：成交量（手）😀 e\u0301 "quoted" \\path\\ tab\tend\n'.repeat(400);
      const parts = [
        {
          type: "reasoning" as const,
          text: `思考 ${text.slice(0, 100)}`,
          startedAt: 1_700_000_000_000,
          endedAt: 1_700_000_004_000,
        },
        { type: "text" as const, text },
      ];
      expect(await repo.updateAnswer(owner, ref, runId, { content: text.slice(0, 5000), parts })).toBe(true);
      const saved = (await repo.getConversation(owner, ref.conversationId))?.messages.find(
        (m) => m.id === ref.messageId,
      );
      expect(saved?.content).toBe(text.slice(0, 5000));
      expect(saved?.parts).toEqual(parts);
      const end = { content: text, parts, status: "done" as const, finishReason: "stop" as const };
      expect(await repo.finishAnswer(owner, ref, runId, end, USAGE)).toBe(true);
      const done = (await repo.getConversation(owner, ref.conversationId))?.messages.find(
        (m) => m.id === ref.messageId,
      );
      expect(done).toMatchObject({ content: text, parts, status: "done" });
      expect(await repo.getPath(owner, ref.conversationId, ref.messageId)).toEqual([
        expect.objectContaining({ role: "user" }),
        expect.objectContaining({ content: text, parts }),
      ]);
    });

    it("ends an answer with its usage row in one call, and records no row for a run that lost the answer", async () => {
      const repo = repoOf();
      const owner = newId("owner");
      const first = turn(newId("c"), null, { title: "Usage" });
      await repo.beginTurn(owner, first);
      const ref = { conversationId: first.conversationId, messageId: first.answer.id };
      const runId = first.answer.lease.runId;
      const end = { content: "4", status: "done" as const, finishReason: "stop" as const };
      expect(await repo.finishAnswer(owner, ref, "another-run", end, USAGE)).toBe(false);
      expect(await repo.getUsage(owner, ref)).toBeUndefined();
      expect(await repo.finishAnswer(owner, ref, runId, end, USAGE)).toBe(true);
      const done = (await repo.getConversation(owner, ref.conversationId))?.messages.find(
        (m) => m.id === ref.messageId,
      );
      expect(done).toMatchObject({ content: "4", status: "done", finishReason: "stop" });
      expect(done?.lease).toBeUndefined();
      expect(done?.streamId).toBeUndefined();
      expect(await repo.getUsage(owner, ref)).toEqual({ ...ref, ...USAGE, createdAt: expect.any(Number) });
      // Ended: no run's to finish again, and the row stays as it was.
      expect(await repo.finishAnswer(owner, ref, runId, end, { ...USAGE, totalMs: 1 })).toBe(false);
      expect((await repo.getUsage(owner, ref))?.totalMs).toBe(USAGE.totalMs);
      expect(await repo.getUsage(newId("owner"), ref)).toBeUndefined();
    });
  });
}
