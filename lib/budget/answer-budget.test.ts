import { describe, expect, it, vi } from "vitest";
import { ChatError } from "@/lib/agent/chat-error";
import { loadConfig } from "@/lib/config";
import type { ChatEvent } from "@/lib/protocol";
import type {
  BudgetRepository,
  BudgetStanding,
  ReserveRequest,
  ReserveResult,
} from "@/lib/store/budget-repository";
import { AnswerBudget } from "./answer-budget";
import { OUTPUT_ALLOWANCE } from "./answer-estimate";

// One answer's hold, with the database replaced by a recorder: what it asks to hold before each
// round, and how it settles however the answer ends.

const standing = (spentTokens: number): BudgetStanding => ({
  limits: { tokensPerDay: 1_000, usdPerMonth: null },
  spent: { tokens: spentTokens, usd: 0 },
  reserved: { tokens: 0, usd: 0 },
  running: 0,
});

function recorder(answers: ReserveResult[]) {
  const calls: string[] = [];
  const reserved: ReserveRequest[] = [];
  const repo: BudgetRepository = {
    reserve: vi.fn(async (request: ReserveRequest): Promise<ReserveResult> => {
      reserved.push(structuredClone(request));
      calls.push("reserve");
      return answers.shift() ?? { ok: true, held: request.estimate, standing: standing(0) };
    }),
    release: vi.fn(async () => void calls.push("release")),
    recordUnnamedUsage: vi.fn(async () => void calls.push("usage")),
    standing: vi.fn(),
    overrides: vi.fn(),
    setOverrides: vi.fn(),
  };
  return { repo, calls, reserved };
}

function budget(repo: BudgetRepository, unnamed: boolean) {
  return new AnswerBudget({
    repo,
    userId: "u1",
    config: loadConfig({ QUOTA_TOKENS_PER_DAY: "1000", USER_MAX_CONCURRENT: "2" }),
    model: "deepseek-flash",
    unnamedAnswerId: unnamed ? "a1" : undefined,
  });
}

const end: ChatEvent = {
  event: "end",
  data: {
    finish_reason: "stop",
    stats: {
      tool_calls: 0,
      tool_results: 0,
      tokens: { prompt: 30, completion: 12, total: 42, cached: 10 },
      timing_ms: { first_byte: 5, total: 20 },
    },
  },
};

async function* events(list: ChatEvent[]): AsyncGenerator<ChatEvent, void> {
  yield* list;
}

describe("AnswerBudget", () => {
  it("holds the first round's estimate with the concurrency cap, a later round what it used plus the next", async () => {
    const { repo, reserved } = recorder([]);
    const hold = budget(repo, false);
    expect(await hold.reserveFirst({ prompt: 60, completion: OUTPUT_ALLOWANCE })).toBeUndefined();
    hold.onUsage({ prompt: 100, completion: 20, total: 120 });
    await hold.beforeRound(1);
    expect(reserved[0]).toMatchObject({
      userId: "u1",
      estimate: { tokens: 60 + OUTPUT_ALLOWANCE },
      used: { tokens: 0 },
      maxConcurrent: 2,
    });
    expect(reserved[1]).toMatchObject({
      reservationId: reserved[0]?.reservationId,
      used: { tokens: 120 },
      estimate: { tokens: 120 + OUTPUT_ALLOWANCE },
      maxConcurrent: undefined,
    });
    expect(reserved[1]?.ttlMs).toBeGreaterThan(loadConfig({}).answerTimeoutMs);
  });

  it("refuses a first round with a 429 and its reset, and ends a later one with quota_exceeded", async () => {
    const refused: ReserveResult = {
      ok: false,
      reason: "quota_exceeded",
      measure: "tokens",
      standing: standing(1_000),
    };
    const { repo } = recorder([
      refused,
      { ok: true, held: { tokens: 1, usd: 0 }, standing: standing(0) },
      refused,
    ]);
    const hold = budget(repo, false);
    const refusal = await hold.reserveFirst({ prompt: 1, completion: 1 });
    expect(refusal?.response.status).toBe(429);
    expect(Number(refusal?.response.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = await refusal?.response.json();
    expect(body.error).toMatchObject({
      code: "quota_exceeded",
      measure: "tokens_per_day",
      limit: 1_000,
      left: 0,
    });
    expect(Date.parse(body.error.resets_at)).toBeGreaterThan(Date.now());

    expect(await hold.reserveFirst({ prompt: 1, completion: 1 })).toBeUndefined();
    const later = hold.beforeRound(1);
    await expect(later).rejects.toBeInstanceOf(ChatError);
    await expect(later).rejects.toMatchObject({ code: "quota_exceeded" });
  });

  it("says too_many_answers at the cap", async () => {
    const { repo } = recorder([{ ok: false, reason: "too_many_answers", standing: standing(0) }]);
    const refusal = await budget(repo, false).reserveFirst({ prompt: 1, completion: 1 });
    expect(refusal?.error.code).toBe("too_many_answers");
    expect(refusal?.response.headers.get("retry-after")).toBe("5");
  });

  it("settles an unnamed answer from its end: the usage row first, then the hold released, once", async () => {
    const { repo, calls } = recorder([]);
    const hold = budget(repo, true);
    for await (const _ of hold.observe(events([end]))) {
      // drained
    }
    await hold.settle();
    expect(calls).toEqual(["usage", "release"]);
    expect(repo.recordUnnamedUsage).toHaveBeenCalledWith("u1", "a1", {
      model: "deepseek-flash",
      promptTokens: 30,
      cacheHitTokens: 10,
      cacheMissTokens: 20,
      completionTokens: 12,
      totalTokens: 42,
      firstByteMs: 5,
      totalMs: 20,
    });
  });

  it("settles a stopped answer (no end) to what its rounds reported, and a stored one without a row", async () => {
    const { repo } = recorder([]);
    const hold = budget(repo, true);
    hold.onUsage({ prompt: 7, completion: 3, total: 10 });
    const reader = hold.observe(events([{ event: "message", data: { content: "hi" } }, end]));
    await reader.next();
    await reader.return();
    expect(repo.recordUnnamedUsage).toHaveBeenCalledWith(
      "u1",
      "a1",
      expect.objectContaining({ totalTokens: 10 }),
    );
    expect(repo.release).toHaveBeenCalledTimes(1);

    const stored = recorder([]);
    const storedHold = budget(stored.repo, false);
    for await (const _ of storedHold.observe(events([end]))) {
      // drained
    }
    expect(stored.calls).toEqual(["release"]);
  });

  it("releases the hold of a stream cancelled before its first read, and leaves a read one to its end", async () => {
    const { repo } = recorder([]);
    const hold = budget(repo, true);
    const reader = hold.observe(events([end]));
    // What cancelling an unread response does: the generator closes without running.
    await reader.return();
    expect(repo.release).not.toHaveBeenCalled();
    hold.abandon();
    await vi.waitFor(() => expect(repo.release).toHaveBeenCalledTimes(1));
    expect(repo.recordUnnamedUsage).not.toHaveBeenCalled();

    const read = recorder([]);
    const readHold = budget(read.repo, true);
    readHold.onUsage({ prompt: 7, completion: 3, total: 10 });
    const running = readHold.observe(events([{ event: "message", data: { content: "hi" } }, end]));
    await running.next();
    readHold.abandon();
    expect(read.repo.release).not.toHaveBeenCalled();
    await running.return();
    expect(read.calls).toEqual(["usage", "release"]);
  });
});
