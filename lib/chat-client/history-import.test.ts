import { describe, expect, it } from "vitest";
import type { HistoryOutcome, ImportResult } from "./history-api";
import { batches, IMPORT_BATCH, importLocalHistory } from "./history-import";
import type { Conversation } from "./types";

const conversation = (i: number, text = "hi"): Conversation => ({
  id: `c${i}`,
  title: `t${i}`,
  createdAt: i,
  updatedAt: i,
  messages: [{ id: `m${i}`, role: "user", content: text, parts: [], createdAt: i }],
});

function setup(answers: HistoryOutcome<ImportResult>[] = [], done = false) {
  const sent: Conversation[][] = [];
  const flag = {
    value: done,
    done: async () => flag.value,
    set: async () => {
      flag.value = true;
    },
  };
  const api = {
    import: async (list: Conversation[]): Promise<HistoryOutcome<ImportResult>> => {
      sent.push(list);
      return answers.shift() ?? { kind: "ok", value: { imported: list.map((c) => c.id), skipped: [] } };
    },
  };
  return { api, flag, sent };
}

describe("importLocalHistory", () => {
  it("sends everything in batches of at most 200, then sets the flag", async () => {
    const local = Array.from({ length: 450 }, (_, i) => conversation(i));
    const t = setup();
    const outcome = await importLocalHistory(t.api, async () => local, t.flag);
    expect(outcome).toEqual({ kind: "moved", imported: 450, skipped: 0, refused: [] });
    expect(t.sent.map((b) => b.length)).toEqual([IMPORT_BATCH, IMPORT_BATCH, 50]);
    expect(t.sent.flat().map((c) => c.id)).toEqual(local.map((c) => c.id));
    expect(t.flag.value).toBe(true);
  });

  it("leaves the flag unset when a batch fails, so the next load tries again", async () => {
    const local = Array.from({ length: 250 }, (_, i) => conversation(i));
    const t = setup([
      { kind: "ok", value: { imported: [], skipped: [] } },
      { kind: "failed", status: 503, code: "store_unavailable", message: "down" },
    ]);
    const outcome = await importLocalHistory(t.api, async () => local, t.flag);
    expect(outcome).toMatchObject({ kind: "failed", code: "store_unavailable" });
    expect(t.flag.value).toBe(false);
  });

  it("moves the rest when the server refuses one conversation, which stays in the browser", async () => {
    const local = Array.from({ length: 10 }, (_, i) => conversation(i));
    const tooLarge = { kind: "failed", status: 413, code: "body_too_large", message: "too large" } as const;
    const sent: string[][] = [];
    const api = {
      import: async (list: Conversation[]): Promise<HistoryOutcome<ImportResult>> => {
        sent.push(list.map((c) => c.id));
        if (list.some((c) => c.id === "c6")) return tooLarge;
        return { kind: "ok", value: { imported: list.map((c) => c.id), skipped: [] } };
      },
    };
    const t = setup();
    const outcome = await importLocalHistory(api, async () => local, t.flag);
    expect(outcome).toEqual({ kind: "moved", imported: 9, skipped: 0, refused: ["c6"] });
    expect(t.flag.value).toBe(true);
    // Halved until c6 is alone: every other conversation was sent, and moved, once.
    const movedIds = sent.filter((ids) => !ids.includes("c6")).flat();
    expect(movedIds.sort()).toEqual(
      local
        .map((c) => c.id)
        .filter((id) => id !== "c6")
        .sort(),
    );
    expect(sent).toContainEqual(["c6"]);
  });

  it("does nothing once the flag is set", async () => {
    const t = setup([], true);
    expect(await importLocalHistory(t.api, async () => [conversation(1)], t.flag)).toEqual({
      kind: "already",
    });
    expect(t.sent).toEqual([]);
  });

  it("drops this tab's resume points, which mean nothing on the server", async () => {
    const local = conversation(1);
    local.messages.push({
      id: "a1",
      role: "assistant",
      content: "",
      parts: [],
      createdAt: 1,
      status: "interrupted",
      resume: { streamId: "s", lastEventId: 3 },
      reconnecting: true,
    });
    const t = setup();
    await importLocalHistory(t.api, async () => [local], t.flag);
    expect(t.sent[0]?.[0]?.messages[1]).toEqual({
      id: "a1",
      role: "assistant",
      content: "",
      parts: [],
      createdAt: 1,
      status: "interrupted",
    });
  });
});

describe("batches", () => {
  it("splits by size as well as by count, oldest first", () => {
    const big = "x".repeat(200_000);
    const list = [conversation(3, big), conversation(1, big), conversation(2, big)];
    expect(batches(list).map((b) => b.map((c) => c.id))).toEqual([["c1", "c2"], ["c3"]]);
  });
});
