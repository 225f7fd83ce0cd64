import { describe, expect, it } from "vitest";
import { pagePart, searchPart } from "@/lib/chat-client/__fixtures__/web-parts";
import { answerSources } from "@/lib/chat-client/answer-sources";
import type { ArchivedConversation } from "@/lib/store/archive-repository";
import type { ConversationTree } from "@/lib/store/conversation-repository";
import { EXPORT_FORMAT, EXPORT_VERSION, nestedDeeperThan, parseExportFile } from "./export-file";
import { byteStream, exportChunks } from "./export-stream";

// The export file: written a conversation at a time, read back whole, and every way a file can be
// wrong refused with the field that is wrong.

const at = Date.UTC(2025, 0, 1);

function conversation(id: string): ArchivedConversation {
  return {
    id,
    title: `title ${id}`,
    createdAt: at,
    updatedAt: at + 3,
    currentLeafId: `${id}-a2`,
    messages: [
      // A child listed before its parent (equal times sort by id): the restore needs parents first.
      {
        id: `${id}-a2`,
        parentId: `${id}-q`,
        role: "assistant",
        content: "2",
        parts: [],
        createdAt: at + 2,
        updatedAt: at + 2,
        status: "done",
      },
      { id: `${id}-q`, parentId: null, role: "user", content: "q", parts: [], createdAt: at, updatedAt: at },
      {
        id: `${id}-a1`,
        parentId: `${id}-q`,
        role: "assistant",
        content: "1",
        parts: [],
        createdAt: at + 1,
        updatedAt: at + 1,
        status: "streaming",
      },
    ],
  };
}

const file = (conversations: unknown[], extra: Record<string, unknown> = {}) => ({
  format: EXPORT_FORMAT,
  version: EXPORT_VERSION,
  exportedAt: at,
  conversations,
  ...extra,
});

const refusal = (body: unknown) => {
  const parsed = parseExportFile(body);
  return parsed.ok ? "accepted" : parsed.message;
};

describe("parseExportFile", () => {
  it("accepts a file and orders each tree parents first, keeping siblings in the file's order", () => {
    const parsed = parseExportFile(file([conversation("c1"), conversation("c2")]));
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.value.map((c) => c.messages.map((m) => m.id))).toEqual([
      ["c1-q", "c1-a2", "c1-a1"],
      ["c2-q", "c2-a2", "c2-a1"],
    ]);
    expect(parsed.value[0]?.messages[2]?.status).toBe("streaming");
    expect(refusal(file([]))).toBe("accepted");
  });

  it("keeps a question's files (PROTOCOL.md section 20)", () => {
    const withFile = conversation("cf");
    const pdf = {
      type: "file",
      name: "报告.pdf",
      media_type: "application/pdf",
      size: 26_498,
      text: "季度报告",
    } as const;
    // The question is the file's second message (the export lists a tree's messages in any order).
    Object.assign(withFile.messages[1] ?? {}, { parts: [pdf] });
    const parsed = parseExportFile(file([withFile]));
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.value[0]?.messages.find((m) => m.id === "cf-q")?.parts).toEqual([pdf]);
    Object.assign(withFile.messages[1] ?? {}, { parts: [{ ...pdf, size: "big" }] });
    expect(refusal(file([withFile]))).toMatch(/^conversations\.0\.messages\.1\.parts\.0\.size: /);
  });

  it("refuses what is not an export file, or a version it does not read", () => {
    expect(refusal([1, 2])).toBe(`body: not a ${EXPORT_FORMAT} file (expected a JSON object)`);
    expect(refusal("text")).toBe(`body: not a ${EXPORT_FORMAT} file (expected a JSON object)`);
    expect(refusal({ conversations: [] })).toBe(`format: not a ${EXPORT_FORMAT} file`);
    expect(refusal(file([], { version: 2 }))).toBe("version: 2 is not one this server reads (it reads 1)");
    expect(refusal(file([], { version: undefined }))).toBe(
      "version: absent is not one this server reads (it reads 1)",
    );
  });

  it("refuses a file nested deeper than any conversation, without recursing into it", () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const c = conversation("deep");
    const [first] = c.messages;
    if (!first) throw new Error("no message");
    first.parts = [
      { type: "tool", id: "t", name: "n", arguments: {}, status: "done", result: deep, startedAt: 0 },
    ];
    expect(refusal(file([c]))).toBe("body: nested deeper than 200 levels");
    expect(nestedDeeperThan({ a: [{ b: 1 }] }, 3)).toBe(false);
    expect(nestedDeeperThan({ a: [{ b: {} }] }, 3)).toBe(true);
  });

  it("names the field of a wrong type, a huge string or a bad time", () => {
    const wrongRole = conversation("c");
    Object.assign(wrongRole.messages[1] ?? {}, { role: "system" });
    expect(refusal(file([wrongRole]))).toMatch(/^conversations\.0\.messages\.1\.role: /);
    expect(refusal(file([{ ...conversation("c"), title: "x".repeat(1_001) }]))).toMatch(
      /^conversations\.0\.title: /,
    );
    expect(refusal(file([{ ...conversation("c"), id: "" }]))).toMatch(/^conversations\.0\.id: /);
    expect(refusal(file([{ ...conversation("c"), createdAt: -1 }]))).toMatch(
      /^conversations\.0\.createdAt: /,
    );
    expect(refusal(file([{ ...conversation("c"), createdAt: 1e300 }]))).toMatch(
      /^conversations\.0\.createdAt: /,
    );
    expect(refusal(file([{ ...conversation("c"), messages: "none" }]))).toMatch(
      /^conversations\.0\.messages: /,
    );
    const hugeContent = conversation("c");
    Object.assign(hugeContent.messages[0] ?? {}, { content: "x".repeat(2_000_001) });
    expect(refusal(file([hugeContent]))).toMatch(/^conversations\.0\.messages\.0\.content: /);
    const badPart = conversation("c");
    Object.assign(badPart.messages[0] ?? {}, { parts: [{ type: "image", url: "x" }] });
    expect(refusal(file([badPart]))).toMatch(/^conversations\.0\.messages\.0\.parts\.0/);
  });

  it("refuses repeated ids, a missing parent, a parent in another conversation, a cycle and a stray leaf", () => {
    expect(refusal(file([conversation("c"), conversation("d"), conversation("c")]))).toBe(
      "conversations.2.id: c repeats",
    );

    const repeated = conversation("c");
    const q = repeated.messages[1];
    if (q) repeated.messages.push({ ...q, content: "again" });
    expect(refusal(file([repeated]))).toBe("conversations.0.messages.3.id: c-q repeats");

    const missing = conversation("c");
    Object.assign(missing.messages[2] ?? {}, { parentId: "nowhere" });
    expect(refusal(file([missing]))).toBe(
      "conversations.0.messages.2.parentId: nowhere is not a message of this conversation",
    );

    const crossing = conversation("d");
    Object.assign(crossing.messages[0] ?? {}, { parentId: "c-q" });
    expect(refusal(file([conversation("c"), crossing]))).toBe(
      "conversations.1.messages.0.parentId: c-q is a message of another conversation (conversations.0)",
    );

    const cycle = conversation("c");
    cycle.messages.push(
      { id: "x", parentId: "y", role: "user", content: "", parts: [], createdAt: at, updatedAt: at },
      { id: "y", parentId: "x", role: "assistant", content: "", parts: [], createdAt: at, updatedAt: at },
    );
    expect(refusal(file([cycle]))).toBe("conversations.0.messages.3.parentId: its parents form a cycle");
    const self = conversation("c");
    Object.assign(self.messages[1] ?? {}, { parentId: "c-q" });
    expect(refusal(file([self]))).toBe("conversations.0.messages.0.parentId: its parents form a cycle");

    expect(refusal(file([{ ...conversation("c"), currentLeafId: "d-q" }]))).toBe(
      "conversations.0.currentLeafId: must name a message of this conversation",
    );
    expect(refusal(file([{ ...conversation("c"), currentLeafId: null }]))).toBe(
      "conversations.0.currentLeafId: must name a message of this conversation",
    );
    expect(refusal(file([{ ...conversation("c"), currentLeafId: null, messages: [] }]))).toBe("accepted");
  });
});

describe("the export stream", () => {
  const tree = (id: string): ConversationTree => {
    const c = conversation(id);
    return {
      ...c,
      changedAt: at + 99,
      messages: c.messages.map((m) => ({ ...m, lease: { runId: "run", expiresAt: 1 }, streamId: "s" })),
    };
  };

  async function* slowly(ids: string[], pulled: string[]) {
    for (const id of ids) {
      pulled.push(id);
      yield tree(id);
    }
  }

  it("writes a file that parses back to the trees, without the run's bookkeeping", async () => {
    let text = "";
    for await (const chunk of exportChunks([tree("a"), tree("b")], at)) text += chunk;
    const body = JSON.parse(text);
    expect(body).toMatchObject({ format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: at });
    expect(body.conversations.map((c: { id: string }) => c.id)).toEqual(["a", "b"]);
    expect(text).not.toContain("lease");
    expect(text).not.toContain("streamId");
    expect(text).not.toContain("changedAt");
    expect(parseExportFile(body).ok).toBe(true);

    let empty = "";
    for await (const chunk of exportChunks([], at)) empty += chunk;
    expect(JSON.parse(empty).conversations).toEqual([]);
  });

  it("keeps an answer's web sources: exported and imported, it cites the same pages (PROTOCOL.md section 22)", async () => {
    const cited = tree("w");
    const parts = [searchPart, pagePart, { type: "text", text: "收盘 1688.50 元[1]【4】" }] as const;
    Object.assign(cited.messages[0] ?? {}, { parts });
    let text = "";
    for await (const chunk of exportChunks([cited], at)) text += chunk;
    const parsed = parseExportFile(JSON.parse(text));
    if (!parsed.ok) throw new Error(parsed.message);
    const restored = parsed.value[0]?.messages.find((m) => m.id === "w-a2")?.parts ?? [];
    expect(answerSources(restored)).toEqual(answerSources([...parts]));
    expect(answerSources(restored).map((source) => source.index)).toEqual([1, 2, 4]);
  });

  it("reads ahead of the reader by one conversation at most", async () => {
    const pulled: string[] = [];
    const chunks = exportChunks(slowly(["a", "b", "c", "d"], pulled), at);
    const first = await chunks.next();
    const reader = byteStream(first.done ? "" : first.value, chunks).getReader();
    await Promise.resolve();
    expect(pulled).toEqual(["a"]);
    const decoder = new TextDecoder();
    expect(decoder.decode((await reader.read()).value)).toContain('"id":"a"');
    expect(pulled).not.toContain("c");
    expect(decoder.decode((await reader.read()).value)).toContain('"id":"b"');
    expect(pulled).not.toContain("d");
    await reader.cancel();
  });
});
