import { describe, expect, it, vi } from "vitest";
import type { ConversationSummary, HistoryOutcome, ListRequest, SummaryPage } from "./history-api";
import { HistorySync, SYNC_OVERLAP_MS } from "./history-sync";

const summary = (id: string, changedAt: number): ConversationSummary => ({
  id,
  title: id,
  createdAt: 0,
  updatedAt: 0,
  changedAt,
  currentLeafId: null,
});

function setup(answers: HistoryOutcome<SummaryPage>[], visible = { now: true }) {
  const requests: ListRequest[] = [];
  const timers: { callback: () => void; ms: number; cancelled: boolean }[] = [];
  const changed: string[][] = [];
  const sync = new HistorySync({
    api: {
      list: async (request = {}) => {
        requests.push(request);
        return answers.shift() ?? { kind: "ok", value: { conversations: [] } };
      },
    },
    onChanged: (list) => changed.push(list.map((c) => c.id)),
    visible: () => visible.now,
    schedule: (callback, ms) => {
      const timer = { callback, ms, cancelled: false };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
  });
  /** Fires the pending timer and waits until the poll scheduled the next. */
  const tick = async () => {
    const pending = timers.filter((t) => !t.cancelled);
    expect(pending).toHaveLength(1);
    const count = timers.length;
    pending[0]?.callback();
    if (pending[0]) pending[0].cancelled = true;
    await vi.waitFor(() => expect(timers.length).toBe(count + 1), { interval: 1 });
  };
  return { sync, requests, timers, changed, tick };
}

describe("HistorySync", () => {
  it("polls every 3 s for what changed since the newest change seen, a few seconds back", async () => {
    const at = (ms: number) => SYNC_OVERLAP_MS + ms;
    const t = setup([
      { kind: "ok", value: { conversations: [summary("c2", at(50))] } },
      { kind: "ok", value: { conversations: [] } },
    ]);
    t.sync.start([summary("c1", at(10)), summary("c0", at(5))]);
    expect(t.timers[0]?.ms).toBe(3000);
    expect(t.requests).toEqual([]);
    await t.tick();
    expect(t.requests[0]).toEqual({ since: 10, limit: 100 });
    expect(t.changed).toEqual([["c2"]]);
    await t.tick();
    expect(t.requests[1]).toEqual({ since: 50, limit: 100 });
    expect(t.changed).toHaveLength(1);
  });

  it("does not ask while the tab is hidden, and asks at once when woken", async () => {
    const visible = { now: false };
    const t = setup([{ kind: "ok", value: { conversations: [summary("c3", 70)] } }], visible);
    t.sync.start([]);
    await t.tick();
    expect(t.requests).toEqual([]);
    visible.now = true;
    const count = t.timers.length;
    t.sync.wake();
    await vi.waitFor(() => expect(t.timers.length).toBe(count + 1), { interval: 1 });
    expect(t.requests).toEqual([{ since: 0, limit: 100 }]);
    expect(t.changed).toEqual([["c3"]]);
  });

  it("keeps polling after a failure, from the same point", async () => {
    const t = setup([
      { kind: "failed", status: 503, code: "store_unavailable", message: "down" },
      { kind: "unreachable" },
    ]);
    t.sync.start([summary("c1", SYNC_OVERLAP_MS + 10)]);
    await t.tick();
    await t.tick();
    await t.tick();
    expect(t.requests).toEqual([
      { since: 10, limit: 100 },
      { since: 10, limit: 100 },
      { since: 10, limit: 100 },
    ]);
    expect(t.changed).toEqual([]);
  });

  it("reads every page of changes at once, with the cursor the server gave", async () => {
    const page = Array.from({ length: 100 }, (_, i) => summary(`p${i}`, SYNC_OVERLAP_MS + 20));
    const t = setup([
      { kind: "ok", value: { conversations: page, nextCursor: "next" } },
      { kind: "ok", value: { conversations: [summary("last", SYNC_OVERLAP_MS + 20)] } },
    ]);
    t.sync.start([summary("c1", SYNC_OVERLAP_MS + 10)]);
    await t.tick();
    expect(t.requests).toEqual([
      { since: 10, limit: 100 },
      { since: 10, limit: 100, cursor: "next" },
    ]);
    expect(t.changed.map((list) => list.length)).toEqual([100, 1]);
  });

  it("stops: the pending beat is cancelled and nothing more is asked", async () => {
    const t = setup([]);
    t.sync.start([]);
    t.sync.stop();
    expect(t.timers.every((timer) => timer.cancelled)).toBe(true);
    t.sync.wake();
    expect(t.requests).toEqual([]);
  });
});
