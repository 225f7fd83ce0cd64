import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ArchiveRepository } from "./archive-repository";
import type { ConversationRepository } from "./conversation-repository";
import type { SearchHit, SearchRepository } from "./search-repository";

// One suite for every database behind search (pglite-store.test.ts, postgres-store.test.ts): what
// an owner finds, whichever database holds it. Each test has owners of its own.

export type SearchStoreFactory = () => Promise<{
  conversations: ConversationRepository;
  search: SearchRepository;
  archive: ArchiveRepository;
  close(): Promise<void>;
}>;

let counter = 0;
// Padded, so ids made in one millisecond sort in the order they were made.
const newId = (kind: string) =>
  `${kind}-${process.pid}-${Date.now().toString(36)}-${String(counter++).padStart(6, "0")}`;
const OPEN_TIMEOUT = 120_000;

export function describeSearchRepository(name: string, factory: SearchStoreFactory): void {
  describe(`${name}: the SearchRepository contract`, () => {
    let repo: ConversationRepository;
    let search: SearchRepository;
    let archive: ArchiveRepository;
    let close: () => Promise<void>;
    beforeAll(async () => {
      const opened = await factory();
      repo = opened.conversations;
      search = opened.search;
      archive = opened.archive;
      close = () => opened.close();
    }, OPEN_TIMEOUT);
    afterAll(async () => {
      await close?.();
    });

    /** A conversation of these turns, one branch: user, assistant, user, … */
    async function conversation(owner: string, title: string, texts: string[]) {
      const c = (await repo.createConversation(owner, { id: newId("c"), title })).id;
      const ids: string[] = [];
      let parent: string | null = null;
      for (const [i, content] of texts.entries()) {
        const role = i % 2 === 0 ? "user" : "assistant";
        const message = await repo.appendMessage(owner, c, parent, {
          id: newId("m"),
          role,
          content,
          ...(role === "assistant" ? { status: "done" as const } : {}),
        });
        if (!message) throw new Error("append failed");
        ids.push(message.id);
        parent = message.id;
      }
      return { c, ids };
    }

    const found = async (owner: string, query: string) =>
      (await search.search(owner, { query }))
        .filter((hit) => hit.messageId !== undefined)
        .map((hit) => hit.messageId);

    it("finds a two-character Chinese word, a longer one and a single character, and not a pair that only co-occurs", async () => {
      const owner = newId("owner");
      const { ids } = await conversation(owner, "闲聊", [
        "今天北京的天气怎么样？",
        "北京今天晴，适合出门。",
        "茅台的股价是多少",
        "贵州茅台今天收于1688元。",
        "天上有气球",
      ]);
      expect(await found(owner, "天气")).toEqual([ids[0]]);
      expect(await found(owner, "茅台")).toEqual([ids[3], ids[2]]);
      expect(await found(owner, "贵州茅台")).toEqual([ids[3]]);
      expect(await found(owner, "气")).toEqual([ids[4], ids[0]]);
      // 天 and 气 are both in the last message, but not as a word.
      expect(await found(owner, "天 气")).toEqual([]);
      expect(await found(owner, "天气预报")).toEqual([]);
    });

    it("finds English words whatever their case, by their start, and phrases as typed", async () => {
      const owner = newId("owner");
      const { ids } = await conversation(owner, "Notes", [
        "What is the Weather like in Paris?",
        "The weather in PARIS is sunny.",
        "Tell me about DeepSeek-V3",
        "Weatherproof jackets",
      ]);
      expect(await found(owner, "weather")).toEqual([ids[3], ids[1], ids[0]]);
      expect(await found(owner, "WEATHER in paris")).toEqual([ids[1]]);
      expect(await found(owner, "deeps")).toEqual([ids[2]]);
      expect(await found(owner, "deepseek-v3")).toEqual([ids[2]]);
      // Words are found by their start, not from their middle.
      expect(await found(owner, "eather")).toEqual([]);
      expect(await found(owner, "paris weather")).toEqual([]);
    });

    it("finds mixed Chinese and English text, emoji, full-width letters and LIKE's own characters literally", async () => {
      const owner = newId("owner");
      const { c, ids } = await conversation(owner, "Mixed（全角）Ｎｏｔｅｓ", [
        "用DeepSeek模型写代码",
        "好的 🎉🎉 完成了",
        "ＡＢＣ全角字母",
        "打折100%_真的",
        "打折100 真的",
      ]);
      expect(await found(owner, "deepseek模型")).toEqual([ids[0]]);
      expect(await found(owner, "模型")).toEqual([ids[0]]);
      expect(await found(owner, "🎉")).toEqual([ids[1]]);
      expect(await found(owner, "abc")).toEqual([ids[2]]);
      expect(await found(owner, "100%_")).toEqual([ids[3]]);
      expect(await found(owner, "%")).toEqual([ids[3]]);
      const titles = (await search.search(owner, { query: "(全角)notes" })).filter(
        (h) => h.messageId === undefined,
      );
      expect(titles).toMatchObject([{ conversationId: c, highlights: [[5, 14]] }]);
    });

    it("returns the title, a snippet with the match marked, the role and the time, newest first, up to the limit", async () => {
      const owner = newId("owner");
      const long = `${"前言很长。".repeat(40)}这里提到了天气预报。${"后记也很长。".repeat(40)}`;
      const { c, ids } = await conversation(owner, "Forecast 天气", ["Weather?", long]);
      const hits = await search.search(owner, { query: "天气" });
      // The answer is the conversation's last activity: a tie, and the title comes first.
      expect(hits.map((h) => h.messageId)).toEqual([undefined, ids[1]]);
      const [title, message] = hits as [SearchHit, SearchHit];
      expect(message).toMatchObject({ conversationId: c, title: "Forecast 天气", role: "assistant" });
      expect(message.snippet.length).toBeLessThan(200);
      expect(message.snippet.startsWith("…")).toBe(true);
      expect(message.highlights).toHaveLength(1);
      const [start, end] = message.highlights[0] ?? [0, 0];
      expect(message.snippet.slice(start, end)).toBe("天气");
      expect(Math.abs(message.at - Date.now())).toBeLessThan(60_000);
      expect(title).toMatchObject({ conversationId: c, snippet: "Forecast 天气", highlights: [[9, 11]] });
      expect(title.messageId).toBeUndefined();

      const many = await conversation(
        owner,
        "Many",
        Array.from({ length: 7 }, (_, i) => `weather ${i}`),
      );
      const limited = await search.search(owner, { query: "weather", limit: 3 });
      expect(limited.map((h) => h.messageId)).toEqual(many.ids.slice(-3).reverse());
    });

    it("never shows one owner's messages or titles to another", async () => {
      const owner = newId("owner");
      const other = newId("owner");
      await conversation(owner, "秘密 secret", ["我的秘密 secret"]);
      expect(await search.search(other, { query: "秘密" })).toEqual([]);
      expect(await search.search(other, { query: "secret" })).toEqual([]);
      expect(await search.search(owner, { query: "secret" })).toHaveLength(2);
    });

    it("forgets a deleted conversation's messages and title", async () => {
      const owner = newId("owner");
      const { c } = await conversation(owner, "Gone 消失", ["消失的消息", "gone"]);
      expect(await search.search(owner, { query: "消失" })).toHaveLength(2);
      expect(await repo.deleteConversation(owner, c)).toBe(true);
      expect(await search.search(owner, { query: "消失" })).toEqual([]);
      expect(await search.search(owner, { query: "gone" })).toEqual([]);
    });

    it("finds a streaming answer's text once it ends, and an interrupted one's as it was left", async () => {
      const owner = newId("owner");
      const { c, ids } = await conversation(owner, "Stream", ["问一个问题"]);
      const answer = await repo.appendMessage(owner, c, ids[0] ?? null, {
        id: newId("m"),
        role: "assistant",
        status: "streaming",
        lease: { runId: "run-1", ttlMs: 60_000 },
      });
      if (!answer) throw new Error("append failed");
      const ref = { conversationId: c, messageId: answer.id };
      expect(await repo.updateAnswer(owner, ref, "run-1", { content: "答案正在生成 streaming" })).toBe(true);
      expect(await found(owner, "生成")).toEqual([]);
      expect(
        await repo.updateAnswer(owner, ref, "run-1", { content: "答案已经生成 finished", status: "done" }),
      ).toBe(true);
      expect(await found(owner, "生成")).toEqual([answer.id]);
      expect(await found(owner, "finished")).toEqual([answer.id]);
      expect(await found(owner, "streaming")).toEqual([]);

      const cut = await repo.appendMessage(owner, c, answer.id, {
        id: newId("m"),
        role: "assistant",
        status: "streaming",
        lease: { runId: "run-2", ttlMs: 0 },
      });
      if (!cut) throw new Error("append failed");
      const cutRef = { conversationId: c, messageId: cut.id };
      expect(await repo.updateAnswer(owner, cutRef, "run-2", { content: "半截回答" })).toBe(true);
      expect(await repo.interruptLapsed({ ownerId: owner, conversationId: c })).toEqual([cutRef]);
      expect(await found(owner, "半截")).toEqual([cut.id]);
    });

    it("finds a chat turn's question and answer once the answer ends", async () => {
      const owner = newId("owner");
      const c = newId("c");
      const question = { id: newId("m"), content: "今天茅台涨了吗 chat-turn" };
      const answer = { id: newId("m"), model: "deepseek-flash", reasoning: "disabled" as const };
      const begun = await repo.beginTurn(owner, {
        conversationId: c,
        title: "Turn",
        parentId: null,
        question,
        answer: { ...answer, lease: { runId: "run-t", ttlMs: 60_000 } },
      });
      expect(begun.ok).toBe(true);
      const ref = { conversationId: c, messageId: answer.id };
      expect(await repo.finishAnswer(owner, ref, "run-t", { content: "涨了 0.03%", status: "done" })).toBe(
        true,
      );
      expect(await found(owner, "茅台涨了")).toEqual([question.id]);
      expect(await found(owner, "涨了")).toEqual([answer.id, question.id]);
    });

    it("finds every version of a message, each on its own branch", async () => {
      const owner = newId("owner");
      const { c, ids } = await conversation(owner, "Versions", ["first question", "一个回答"]);
      const other = await repo.appendMessage(owner, c, ids[0] ?? null, {
        id: newId("m"),
        role: "assistant",
        content: "另一个回答",
        status: "done",
      });
      expect(await found(owner, "回答")).toEqual([other?.id, ids[1]]);
    });

    it("indexes imported conversations with them", async () => {
      const owner = newId("owner");
      const id = newId("c");
      const at = Date.now() - 86_400_000;
      await repo.importConversations(owner, [
        {
          id,
          title: "Imported",
          createdAt: at,
          updatedAt: at,
          messages: [
            { id: newId("m"), role: "user", content: "导入的问题 imported", parts: [], createdAt: at },
            {
              id: newId("m"),
              role: "assistant",
              content: "导入的回答",
              parts: [],
              createdAt: at + 1,
              status: "done",
            },
          ],
        },
      ]);
      const hits = await search.search(owner, { query: "导入" });
      expect(hits.map((h) => h.snippet)).toEqual(["导入的回答", "导入的问题 imported"]);
      expect(hits.map((h) => h.at)).toEqual([at + 1, at]);
    });

    it("indexes an export file's conversations as they are restored, copies under new ids too", async () => {
      const owner = newId("owner");
      const { c } = await conversation(owner, "Exported", ["导出再导入 restored", "好的"]);
      const tree = await repo.getConversation(owner, c);
      if (!tree) throw new Error("no tree");
      const other = newId("owner");
      const [restored] = await archive.restoreConversations(other, [tree]);
      const hits = (await search.search(other, { query: "导出再导入" })).filter((h) => h.messageId);
      expect(hits).toMatchObject([{ conversationId: restored?.id, snippet: "导出再导入 restored" }]);
      // The taken id came in as a copy: found under its own.
      expect(restored?.id).not.toBe(c);
    });

    it("answers an empty query or one of spaces with nothing, and punctuation by reading the text", async () => {
      const owner = newId("owner");
      const { ids } = await conversation(owner, "Punctuation", ["真的吗？！", "是的"]);
      expect(await search.search(owner, { query: "   " })).toEqual([]);
      expect(await found(owner, "？！")).toEqual([ids[0]]);
    });
  });
}
