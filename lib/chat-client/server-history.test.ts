import { describe, expect, it, vi } from "vitest";
import type { ConversationSummary, ConversationTree, HistoryOutcome, TreeMessage } from "./history-api";
import type { HistoryCache } from "./history-cache";
import { ServerHistory } from "./server-history";
import type { UIMessage } from "./types";

const msg = (id: string, parentId: string | null, extra: Partial<TreeMessage> = {}): TreeMessage => ({
  id,
  parentId,
  role: parentId === null || id.startsWith("q") ? "user" : "assistant",
  content: id,
  parts: [],
  createdAt: 0,
  ...extra,
});

const tree = (
  id: string,
  messages: TreeMessage[],
  currentLeafId: string | null,
  updatedAt = 10,
): ConversationTree => ({
  id,
  title: id,
  createdAt: 1,
  updatedAt,
  changedAt: updatedAt,
  currentLeafId,
  messages,
});
const summary = ({ messages: _m, ...s }: ConversationTree): ConversationSummary => s;

function setup(server: Map<string, ConversationTree>, cached: ConversationTree[] = []) {
  const calls: string[] = [];
  const shown: UIMessage[][] = [];
  const urls: string[] = [];
  const cacheStore = new Map(cached.map((c) => [c.id, c]));
  const cache: HistoryCache = {
    list: async () => [...cacheStore.values()],
    saveList: async () => {},
    get: async (id) => cacheStore.get(id),
    put: async (t) => void cacheStore.set(t.id, t),
    remove: async (id) => void cacheStore.delete(id),
  };
  const notFound = {
    kind: "failed",
    status: 404,
    code: "not_found",
    message: "No such conversation.",
  } as const;
  const api = {
    list: async (
      request: { since?: number; cursor?: string; limit?: number } = {},
    ): Promise<HistoryOutcome<{ conversations: ConversationSummary[]; nextCursor?: string }>> => {
      calls.push(`list ${request.since ?? request.cursor ?? ""}`);
      const all = [...server.values()]
        .filter((c) => c.changedAt > (request.since ?? -1))
        .sort((a, b) => b.updatedAt - a.updatedAt)
        .map(summary);
      if (request.since !== undefined) return { kind: "ok", value: { conversations: all } };
      // Pages of two, the cursor being the index of the next.
      const at = Number(request.cursor ?? 0);
      const next = at + 2 < all.length ? { nextCursor: String(at + 2) } : {};
      return { kind: "ok", value: { conversations: all.slice(at, at + 2), ...next } };
    },
    load: async (id: string): Promise<HistoryOutcome<ConversationTree>> => {
      calls.push(`load ${id}`);
      const found = server.get(id);
      return found ? { kind: "ok", value: found } : notFound;
    },
    update: async (id: string, patch: { currentLeafId?: string; title?: string }) => {
      calls.push(`patch ${id} ${JSON.stringify(patch)}`);
      const found = server.get(id);
      return found ? ({ kind: "ok", value: summary(found) } as const) : notFound;
    },
    remove: async (id: string) => {
      calls.push(`delete ${id}`);
      return { kind: "ok", value: null } as const;
    },
  };
  let busy = false;
  const beats: (() => void)[] = [];
  let ids = 0;
  const history = new ServerHistory({
    api,
    cache,
    chat: { setMessages: (m) => shown.push(m), busy: () => busy },
    navigate: (id, how, messageId) => urls.push(`${how} ${id ?? "/"}${messageId ? `?m=${messageId}` : ""}`),
    sync: {
      schedule: (callback) => {
        beats.push(callback);
        return () => {};
      },
    },
    now: () => 500,
    createId: () => `n${++ids}`,
  });
  const beat = () => beats.shift()?.();
  return { history, calls, shown, urls, cacheStore, setBusy: (b: boolean) => (busy = b), beat };
}

const ids = (messages: readonly { id: string }[] | undefined) => messages?.map((m) => m.id);
const branched = tree(
  "c1",
  [msg("q1", null), msg("a1", "q1"), msg("a1b", "q1"), msg("q2", "a1b"), msg("a2", "q2")],
  "a2",
);

describe("ServerHistory", () => {
  it("paints from the cache, then the server's list and the conversation's current path", async () => {
    const server = new Map([["c1", branched]]);
    const stale = tree("c1", [msg("q1", null)], "q1", 5);
    const t = setup(server, [stale]);
    await t.history.start("c1");
    expect(ids(t.shown[0])).toEqual(["q1"]);
    expect(ids(t.shown.at(-1))).toEqual(["q1", "a1b", "q2", "a2"]);
    expect(t.history.getSnapshot()).toMatchObject({ currentId: "c1", ready: true, notice: undefined });
    expect(ids(t.history.getSnapshot().conversations)).toEqual(["c1"]);
    expect(t.cacheStore.get("c1")).toEqual(branched);
  });

  it("pages the sidebar: older conversations come after the first page, until there are no more", async () => {
    const server = new Map([
      ["c1", tree("c1", [], null, 30)],
      ["c2", tree("c2", [], null, 20)],
      ["c3", tree("c3", [], null, 10)],
    ]);
    const t = setup(server);
    await t.history.start(null);
    expect(ids(t.history.getSnapshot().conversations)).toEqual(["c1", "c2"]);
    await t.history.loadMore();
    expect(ids(t.history.getSnapshot().conversations)).toEqual(["c1", "c2", "c3"]);
    expect(t.history.getSnapshot().nextCursor).toBeUndefined();
    await t.history.loadMore();
    expect(t.calls.filter((c) => c.startsWith("list")).length).toBe(2);
  });

  it("switches branches: shows the sibling's newest path and PATCHes currentLeafId", async () => {
    const t = setup(new Map([["c1", branched]]));
    await t.history.start("c1");
    t.history.branch("a1b", -1);
    expect(ids(t.shown.at(-1))).toEqual(["q1", "a1"]);
    await vi.waitFor(() => expect(t.calls).toContain('patch c1 {"currentLeafId":"a1"}'));
    t.setBusy(true);
    t.history.branch("a1", 1);
    expect(ids(t.shown.at(-1))).toEqual(["q1", "a1"]);
  });

  it("opens a search hit at its message: on the branch through it when another is shown, and says so", async () => {
    const server = new Map([["c1", branched]]);
    const t = setup(server, [branched]);
    await t.history.start(null);
    await t.history.open("c1", "push", "a1");
    expect(t.urls).toEqual(["push c1?m=a1"]);
    // The cached copy and the server's both show the branch through a1, which becomes the one shown.
    expect(t.shown.map(ids)).toEqual([
      ["q1", "a1"],
      ["q1", "a1"],
    ]);
    expect(t.history.getSnapshot().focus).toMatchObject({ messageId: "a1" });
    await vi.waitFor(() => expect(t.calls).toContain('patch c1 {"currentLeafId":"a1"}'));

    // On the branch shown already: as it is, and nothing to tell the server.
    const calls = t.calls.length;
    await t.history.open("c1", "push", "q1");
    expect(ids(t.shown.at(-1))).toEqual(["q1", "a1b", "q2", "a2"]);
    expect(t.calls.slice(calls)).toEqual(["load c1"]);
    const focus = t.history.getSnapshot().focus;
    expect(focus?.messageId).toBe("q1");
    // Asked again, the same message is a new request to bring it into view.
    await t.history.open("c1", "push", "q1");
    expect(t.history.getSnapshot().focus?.key).not.toBe(focus?.key);
    // Switching versions or opening without a message lets go of it.
    t.history.branch("a1b", -1);
    expect(t.history.getSnapshot().focus).toBeUndefined();
    await t.history.open("c1", "push", "a2");
    await t.history.open("c1");
    expect(t.history.getSnapshot().focus).toBeUndefined();
  });

  it("gives a new chat its id and URL with the first turn, and folds reported turns into the tree", async () => {
    const t = setup(new Map());
    await t.history.start(null);
    const options = t.history.prepare({ thinking: true }, "Hello there");
    expect(options).toEqual({ thinking: true, conversationId: "n1" });
    expect(t.urls).toEqual(["push n1"]);
    const path: UIMessage[] = [
      { id: "u1", role: "user", content: "Hello there", parts: [], createdAt: 1 },
      { id: "r1", role: "assistant", content: "", parts: [], createdAt: 1, status: "streaming" },
    ];
    t.history.reported(path);
    const snapshot = t.history.getSnapshot();
    expect(snapshot.conversations[0]).toMatchObject({ id: "n1", title: "Hello there", currentLeafId: "r1" });
    expect(snapshot.messages.map((m) => [m.id, m.parentId])).toEqual([
      ["u1", null],
      ["r1", "u1"],
    ]);
    expect(t.history.prepare({ thinking: false }).conversationId).toBe("n1");
  });

  it("shows the server's sentence for a missing conversation and goes back to a new chat", async () => {
    const t = setup(new Map());
    await t.history.start("gone");
    expect(t.history.getSnapshot()).toMatchObject({
      currentId: null,
      notice: { code: "not_found", message: "No such conversation." },
      ready: true,
    });
    expect(t.urls).toEqual(["replace /"]);
  });

  it("re-attaches an answer still streaming elsewhere from its first event", async () => {
    const live = tree(
      "c2",
      [msg("q1", null), msg("a1", "q1", { status: "streaming", streamId: "s9", content: "par" })],
      "a1",
    );
    const t = setup(new Map([["c2", live]]));
    await t.history.start("c2");
    // What the server saved stays until the replay starts (an expired stream shows what arrived).
    expect(t.shown.at(-1)?.[1]).toMatchObject({ content: "par", resume: { streamId: "s9", lastEventId: 0 } });
  });

  it("syncs: a moved list comes in, and the open conversation reloads unless this tab is answering", async () => {
    const server = new Map([["c1", branched]]);
    const t = setup(server);
    await t.history.start("c1");
    server.set("c3", tree("c3", [msg("q1", null)], "q1", 40));
    server.set("c1", { ...branched, updatedAt: 50, changedAt: 50, currentLeafId: "a1" });
    t.beat();
    await vi.waitFor(() => expect(ids(t.shown.at(-1))).toEqual(["q1", "a1"]));
    expect(ids(t.history.getSnapshot().conversations)).toEqual(["c1", "c3"]);
    t.setBusy(true);
    server.set("c1", { ...branched, updatedAt: 60, changedAt: 60 });
    const loads = t.calls.filter((c) => c.startsWith("load")).length;
    const lists = t.calls.filter((c) => c.startsWith("list")).length;
    t.beat();
    await vi.waitFor(() => expect(t.calls.filter((c) => c.startsWith("list")).length).toBe(lists + 1));
    expect(t.calls.filter((c) => c.startsWith("load")).length).toBe(loads);
  });

  it("syncs a rename without reloading the open conversation, and a deletion elsewhere", async () => {
    const server = new Map([
      ["c1", branched],
      ["c2", tree("c2", [msg("q1", null)], "q1", 5)],
    ]);
    const t = setup(server);
    await t.history.start("c1");
    const loads = () => t.calls.filter((c) => c.startsWith("load")).length;
    const before = loads();
    server.set("c1", { ...branched, title: "Renamed elsewhere", changedAt: 70 });
    server.set("c2", { ...tree("c2", [], null, 5), title: "", changedAt: 71, deleted: true });
    t.beat();
    await vi.waitFor(() => expect(ids(t.history.getSnapshot().conversations)).toEqual(["c1"]));
    expect(t.history.getSnapshot().conversations[0]?.title).toBe("Renamed elsewhere");
    expect(loads()).toBe(before);

    // The open conversation deleted on another device: this tab goes to a new chat.
    server.set("c1", { ...branched, title: "", changedAt: 80, deleted: true });
    t.beat();
    await vi.waitFor(() => expect(t.history.getSnapshot().currentId).toBeNull());
    expect(t.history.getSnapshot().conversations).toEqual([]);
    expect(t.cacheStore.has("c1")).toBe(false);
    expect(t.urls.at(-1)).toBe("replace /");
  });
});
