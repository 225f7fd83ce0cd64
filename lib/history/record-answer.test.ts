import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ChatEvent, EndData } from "@/lib/protocol/events";
import type { RunObserver } from "@/lib/resume";
import type { AnswerUpdate, ConversationRepository, UsageRecord } from "@/lib/store/conversation-repository";
import type { AnswerTarget } from "./answer-saver";
import { recordAnswer } from "./record-answer";

// The saving of one answer, on a fake repository and a fake clock: batches every 2 s while events
// arrive, a save at each tool result and at the end, lease renewals while events pause, one usage
// row, and what a run cut short leaves.

type Write =
  | { kind: "update"; update: AnswerUpdate; at: number }
  | { kind: "renew"; at: number }
  | { kind: "usage"; usage: UsageRecord };

function fakeRepo(writes: Write[]): ConversationRepository {
  const repo: Partial<ConversationRepository> = {
    updateAnswer: async (_owner, _ref, _run, update) => {
      writes.push({ kind: "update", update, at: Date.now() });
      return true;
    },
    renewLease: async () => {
      writes.push({ kind: "renew", at: Date.now() });
      return true;
    },
    finishAnswer: async (_owner, ref, _run, update, usage) => {
      writes.push({ kind: "update", update, at: Date.now() });
      if (usage) writes.push({ kind: "usage", usage: { ...ref, ...usage } });
      return true;
    },
  };
  return repo as ConversationRepository;
}

const END: EndData = {
  finish_reason: "stop",
  stats: {
    tool_calls: 1,
    tool_results: 1,
    tokens: { prompt: 100, completion: 20, total: 120, cached: 60 },
    timing_ms: { first_byte: 50, total: 9_000 },
  },
};

/** `start`, a tool round, then a message every 250 ms for `seconds`, paused `pauseMs` in the middle, then `end`. */
async function* answer(seconds: number, pauseMs: number, end = true): AsyncGenerator<ChatEvent, void> {
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  yield { event: "start", data: { model: "deepseek-flash", reasoning: "disabled" } };
  yield { event: "tool_call", data: { id: "t1", type: "mcp", name: "clock", arguments: {} } };
  yield { event: "tool_result", data: { tool_call_id: "t1", result: { now: 1 } } };
  for (let i = 0; i < seconds * 4; i++) {
    if (i === seconds * 2) await wait(pauseMs);
    await wait(250);
    yield { event: "message", data: { content: `w${i} ` } };
  }
  if (end) yield { event: "end", data: END };
}

/** What the detached run does with its observer (lib/resume/detached-run.ts). */
async function drain(
  events: AsyncGenerator<ChatEvent, void>,
  observer: RunObserver,
  stopAfter = Number.POSITIVE_INFINITY,
) {
  const seen: ChatEvent[] = [];
  try {
    for await (const event of events) {
      const kept = observer.see(event);
      seen.push(kept instanceof Promise ? await kept : kept);
      if (seen.length >= stopAfter) break;
    }
  } finally {
    await observer.close();
  }
  return seen;
}

async function run(events: AsyncGenerator<ChatEvent, void>, writes: Write[], stopAfter?: number) {
  const target: AnswerTarget = {
    repo: fakeRepo(writes),
    owner: "o",
    ref: { conversationId: "c", messageId: "a" },
    runId: "r",
    model: "deepseek-flash",
    leaseMs: 3_000,
  };
  const done = drain(events, recordAnswer(target, { conversation_id: "c", answer_id: "a" }), stopAfter);
  await vi.runAllTimersAsync();
  return done;
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("recordAnswer", () => {
  it("passes every event through, saying in start where the answer is kept", async () => {
    const writes: Write[] = [];
    const seen = await run(answer(1, 0), writes);
    expect(seen[0]).toEqual({
      event: "start",
      data: { model: "deepseek-flash", reasoning: "disabled", conversation_id: "c", answer_id: "a" },
    });
    expect(seen.map((e) => e.event).at(-1)).toBe("end");
  });

  it("saves at the tool result, every 2 s while events arrive, renews the lease in a pause, and ends with usage", async () => {
    const writes: Write[] = [];
    await run(answer(10, 5_000), writes);
    const updates = writes.flatMap((w) => (w.kind === "update" ? [w] : []));
    const saves = updates.filter((w) => w.update.status === undefined);
    // 15 s of answer: the tool result, then about one save per 2 s, never one per event (41 of them).
    expect(saves.length).toBeGreaterThanOrEqual(6);
    expect(saves.length).toBeLessThanOrEqual(10);
    expect(saves[0]?.update.parts?.at(-1)).toMatchObject({ type: "tool", status: "done" });
    for (const save of saves) expect(save.update.leaseTtlMs).toBe(3_000);
    for (let i = 2; i < saves.length; i++) {
      expect((saves[i]?.at ?? 0) - (saves[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(2_000);
    }
    // The 5 s pause is longer than the lease's third: the lease was renewed during it.
    expect(writes.some((w) => w.kind === "renew")).toBe(true);
    const last = updates.at(-1)?.update;
    expect(last).toMatchObject({ status: "done", finishReason: "stop", stats: END.stats });
    expect(last?.content).toMatch(/^w0 w1 .* w39 $/);
    expect(writes.at(-1)).toEqual({
      kind: "usage",
      usage: expect.objectContaining({
        model: "deepseek-flash",
        promptTokens: 100,
        cacheHitTokens: 60,
        cacheMissTokens: 40,
        completionTokens: 20,
        totalTokens: 120,
        firstByteMs: 50,
        totalMs: 9_000,
      }),
    });
    expect(writes.filter((w) => w.kind === "usage")).toHaveLength(1);
  });

  it("keeps what a run cut short had, as interrupted, with no usage row", async () => {
    const writes: Write[] = [];
    await run(answer(4, 0, false), writes, 6);
    const last = writes.at(-1);
    expect(last?.kind).toBe("update");
    if (last?.kind !== "update") return;
    expect(last.update).toMatchObject({ status: "interrupted", content: "w0 w1 w2 " });
    expect(writes.some((w) => w.kind === "usage")).toBe(false);
  });
});
