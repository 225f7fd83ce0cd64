import { describe, expect, it } from "vitest";
import { makePlan } from "./plan";
import { savingFigures } from "./saving-cost";
import { sidebarFigures } from "./sidebar-scale";
import type { StreamResult } from "./sse-client";
import {
  LAST_ANSWER_MARK,
  longConversation,
  longConversationKiB,
  sidebarConversations,
} from "./storage-fill";

const result = (firstByteMs: number, failure?: string): StreamResult => ({
  sentAt: 0,
  status: failure ? 500 : 200,
  firstByteMs,
  firstTokenMs: firstByteMs + 1,
  totalMs: 100,
  bytes: 1,
  tokens: 1,
  arrivals: [],
  failure,
});

describe("savingFigures", () => {
  const plan = makePlan(true); // 5 answers of 150 chunks at 50/s per round
  const figures = savingFigures(
    "pglite",
    "the app",
    plan,
    { off: [result(2), result(4), result(3)], on: [result(5), result(7), result(6), result(1, "HTTP 503")] },
    { off: [result(2), result(3)], on: [result(5), result(6), result(1, "HTTP 503")] },
    { off: [50_000, 70_000], on: [55_000, 77_000] },
  );

  it("gives CPU per answer from the CPU of each round, and on ÷ off", () => {
    expect(figures.cpuMsPerAnswerByRound).toEqual({ off: [10, 14], on: [11, 15.4] });
    expect(figures.cpuMsPerAnswer).toEqual({ off: 12, on: 13.2 });
    expect(figures.cpuOnVsOff).toBe(1.1);
  });

  it("takes first byte from the answers that did not fail, and the added p50", () => {
    expect(figures.firstByteMs.on.n).toBe(3);
    expect(figures.firstByteMs.on.p50).toBe(6);
    expect(figures.firstByteMs.off.p50).toBe(3);
    expect(figures.addedFirstByteP50Ms).toBe(3);
  });

  it("counts answers and errors, and names the answers' length", () => {
    expect(figures.answers).toEqual({ off: 2, on: 3 });
    expect(figures.errors).toEqual({ off: 0, on: 1 });
    expect(figures.answerSeconds).toBe(3);
  });

  it("has no ratio without CPU samples", () => {
    const empty = savingFigures(
      "postgres",
      "x",
      plan,
      { on: [], off: [] },
      { on: [], off: [] },
      { on: [], off: [] },
    );
    expect(empty.cpuOnVsOff).toBeNull();
    expect(empty.addedFirstByteP50Ms).toBeNaN();
  });
});

describe("sidebarFigures", () => {
  it("gives p50, p95 and the maximum of the reads, sizes in MiB", () => {
    const times = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100 ms
    const figures = sidebarFigures(
      "pglite",
      { conversations: 10_000, seconds: 12.5 },
      { times, errors: 2, firstPageRss: 200 * 2 ** 20 },
      250.25 * 2 ** 20,
      48 * 2 ** 20,
    );
    expect(figures.firstPageMs).toMatchObject({ n: 100, p50: 50, p95: 95, max: 100 });
    expect(figures.reads).toBe(102);
    expect(figures.errors).toBe(2);
    expect(figures.dataMiB).toBe(48);
    expect(figures.rssMiB).toEqual({ firstPage: 200, afterReads: 250.3 });
  });
});

describe("the data the storage part fills", () => {
  it("gives each sidebar conversation a question and an answer, oldest first", () => {
    const list = sidebarConversations(3);
    expect(list.map((c) => c.id)).toEqual(["conv-00000", "conv-00001", "conv-00002"]);
    expect(list.every((c) => c.messages.length === 2)).toBe(true);
    expect(list[2]?.updatedAt).toBeGreaterThan(list[1]?.updatedAt ?? Infinity);
  });

  it("makes the long conversation about 2 MB of markdown over 300 turns, newest of all, its mark last", () => {
    const long = longConversation(300);
    expect(long.messages).toHaveLength(600);
    const kib = longConversationKiB(300);
    expect(kib).toBeGreaterThan(1_800);
    expect(kib).toBeLessThan(2_300);
    expect(long.updatedAt).toBeGreaterThan(sidebarConversations(10_000).at(-1)?.updatedAt ?? Infinity);
    const marked = long.messages.filter((m) => m.content.includes(LAST_ANSWER_MARK));
    expect(marked.map((m) => m.id)).toEqual(["a299"]);
  });
});
