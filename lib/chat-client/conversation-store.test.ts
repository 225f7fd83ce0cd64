import { describe, expect, it } from "vitest";
import {
  type ConversationBackend,
  createConversationStore,
  listConversations,
  loadConversation,
  saveConversation,
} from "./conversation-store";
import { ev, reduceAll } from "./test-support";
import type { Conversation, UIMessage } from "./types";

function memoryBackend(): ConversationBackend & { map: Map<string, Conversation> } {
  const map = new Map<string, Conversation>();
  // structuredClone, as IndexedDB stores a copy rather than the object
  return {
    map,
    get: async (id) => (map.has(id) ? structuredClone(map.get(id)) : undefined),
    set: async (c) => {
      map.set(c.id, structuredClone(c));
    },
    delete: async (id) => {
      map.delete(id);
    },
    all: async () => [...map.values()].map((c) => structuredClone(c)),
  };
}

const question: UIMessage = { id: "u1", role: "user", content: "分析一下 600519", parts: [], createdAt: 1 };

function conversation(id: string, updatedAt: number, messages: UIMessage[] = [question]): Conversation {
  return { id, title: id, createdAt: 1, updatedAt, messages };
}

describe("createConversationStore", () => {
  it("lists newest first and saves, renames and deletes", async () => {
    const store = createConversationStore(memoryBackend());
    await store.saveConversation(conversation("old", 10));
    await store.saveConversation(conversation("new", 20));
    await store.saveConversation(conversation("mid", 15));
    expect((await store.listConversations()).map((c) => c.id)).toEqual(["new", "mid", "old"]);
    await store.renameConversation("old", "贵州茅台");
    expect(await store.loadConversation("old")).toMatchObject({ title: "贵州茅台", updatedAt: 10 });
    await store.renameConversation("missing", "x"); // no-op
    await store.deleteConversation("mid");
    expect((await store.listConversations()).map((c) => c.id)).toEqual(["new", "old"]);
    expect(await store.loadConversation("mid")).toBeUndefined();
  });

  it("turns an answer saved mid-stream into an interrupted one that keeps what arrived", async () => {
    const backend = memoryBackend();
    const streaming = reduceAll([ev.start(), ev.reasoning("想"), ev.toolCall("c1"), ev.message("贵州")]);
    const done = reduceAll([ev.message("earlier"), ev.end()], {
      ...streaming,
      id: "a0",
      content: "",
      parts: [],
    });
    const store = createConversationStore(backend);
    // Saved at 500 (the clock read 1…4 as the events arrived); reloaded much later.
    await store.saveConversation(
      conversation("c", 500, [question, done, { ...question, id: "u2" }, streaming]),
    );
    const loaded = await store.loadConversation("c");
    const last = loaded?.messages.at(-1);
    expect(last).toMatchObject({ status: "interrupted", content: "贵州" });
    expect(last?.parts.map((p) => p.type)).toEqual(["reasoning", "tool", "text"]);
    expect(last?.parts[1]).toMatchObject({ status: "failed", endedAt: 500 });
    expect(last?.parts[0]).toMatchObject({ type: "reasoning", startedAt: 2, endedAt: 3 });
    expect(loaded?.messages[1]).toEqual(done);
    expect((await store.listConversations())[0]?.messages.at(-1)?.status).toBe("interrupted");
  });

  it("leaves a resumable answer streaming, for the chat to re-attach, unless it is not the last message", async () => {
    const store = createConversationStore(memoryBackend());
    const resumable = {
      ...reduceAll([ev.start(), ev.message("贵州")]),
      resume: { streamId: "s1", lastEventId: 2 },
    };
    await store.saveConversation(conversation("c", 500, [question, resumable]));
    expect((await store.loadConversation("c"))?.messages.at(-1)).toEqual(resumable);
    // Followed by another turn, it can never be picked up again.
    await store.saveConversation(conversation("d", 500, [question, resumable, { ...question, id: "u2" }]));
    const stale = (await store.loadConversation("d"))?.messages[1];
    expect(stale).toMatchObject({ status: "interrupted", content: "贵州" });
    expect(stale).not.toHaveProperty("resume");
  });

  it("leaves a conversation without a streaming answer as it was stored", async () => {
    const store = createConversationStore(memoryBackend());
    const c = conversation("c", 1);
    await store.saveConversation(c);
    expect(await store.loadConversation("c")).toEqual(c);
  });
});

describe("without IndexedDB (server rendering, node)", () => {
  it("reads come back empty and writes do nothing", async () => {
    expect(typeof indexedDB).toBe("undefined");
    await expect(saveConversation(conversation("c", 1))).resolves.toBeUndefined();
    await expect(listConversations()).resolves.toEqual([]);
    await expect(loadConversation("c")).resolves.toBeUndefined();
  });
});
