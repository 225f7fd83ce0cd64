import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BudgetLimits, BudgetWindow, ReserveRequest } from "./budget-repository";
import type { Store } from "./open-store";
import { usage, user } from "./schema";

// One suite for every database behind budgets (pglite-store.test.ts, postgres-store.test.ts): an
// answer holds at most what is left, a person with anything left can always ask, holds of answers
// asking at once never add up past the limit, running answers are capped, a hold that outlived its
// process stops counting, and an admin's settings override the defaults.

let counter = 0;
const newId = (kind: string) => `${kind}-${process.pid}-${Date.now().toString(36)}-${counter++}`;

const HOUR = 3_600_000;
const UNLIMITED: BudgetLimits = { tokensPerDay: null, usdPerMonth: null };

export function describeBudgetRepository(name: string, factory: () => Promise<Store>): void {
  describe(`${name}: the BudgetRepository contract`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await factory();
    }, 120_000);
    afterAll(async () => {
      await store?.close();
    });

    const window = (): BudgetWindow => ({
      dayStart: new Date(Date.now() - HOUR),
      monthStart: new Date(Date.now() - 24 * HOUR),
    });

    async function newUser(): Promise<string> {
      const id = newId("u");
      await store.db.insert(user).values({ id, name: id, email: `${id}@example.com`, status: "active" });
      return id;
    }

    async function spend(
      ownerId: string,
      totalTokens: number,
      createdAt = new Date(),
      costUsd?: number,
    ): Promise<void> {
      await store.db.insert(usage).values({
        conversationId: newId("c"),
        messageId: newId("m"),
        ownerId,
        model: "deepseek-flash",
        promptTokens: totalTokens,
        completionTokens: 0,
        totalTokens,
        totalMs: 1,
        createdAt,
        costUsd: costUsd ?? null,
      });
    }

    function ask(userId: string, overrides: Partial<ReserveRequest> = {}): ReserveRequest {
      return {
        userId,
        reservationId: newId("r"),
        defaults: { tokensPerDay: 1_000, usdPerMonth: null },
        window: window(),
        used: { tokens: 0, usd: 0 },
        estimate: { tokens: 100, usd: 0 },
        maxConcurrent: 50,
        ttlMs: 60_000,
        ...overrides,
      };
    }

    it("holds the estimate, at most what is left, and refuses once nothing is left", async () => {
      const id = await newUser();
      await spend(id, 750);
      await spend(id, 5_000, new Date(Date.now() - 2 * HOUR)); // before today began: not counted
      const first = await store.budgets.reserve(ask(id, { estimate: { tokens: 100, usd: 0 } }));
      expect(first).toMatchObject({ ok: true, held: { tokens: 100, usd: 0 } });
      // 150 left: a large estimate holds those 150, so the person could still ask.
      const second = await store.budgets.reserve(ask(id, { estimate: { tokens: 2_000, usd: 0 } }));
      expect(second).toMatchObject({ ok: true, held: { tokens: 150 } });
      const third = await store.budgets.reserve(ask(id));
      expect(third).toMatchObject({ ok: false, reason: "quota_exceeded", measure: "tokens" });
      if (third.ok) return;
      expect(third.standing).toMatchObject({ spent: { tokens: 750 }, reserved: { tokens: 250 }, running: 2 });
    });

    it("settles: a released hold frees its room, and a later round holds what it used plus an estimate", async () => {
      const id = await newUser();
      const request = ask(id, { estimate: { tokens: 400, usd: 0 } });
      expect(await store.budgets.reserve(request)).toMatchObject({ ok: true, held: { tokens: 400 } });
      // The next round of the same answer: it used 300, expects 400 more; 700 of 1,000 held.
      const next = await store.budgets.reserve({
        ...request,
        used: { tokens: 300, usd: 0 },
        maxConcurrent: undefined,
      });
      expect(next).toMatchObject({ ok: true, held: { tokens: 700 } });
      expect(await store.budgets.standing(id, request.defaults, window())).toMatchObject({
        reserved: { tokens: 700 },
        running: 1,
      });
      // It used all 1,000: no next round.
      const over = await store.budgets.reserve({
        ...request,
        used: { tokens: 1_000, usd: 0 },
        maxConcurrent: undefined,
      });
      expect(over).toMatchObject({ ok: false, reason: "quota_exceeded" });
      await spend(id, 1_000);
      await store.budgets.release(id, request.reservationId);
      expect(await store.budgets.standing(id, request.defaults, window())).toMatchObject({
        spent: { tokens: 1_000 },
        reserved: { tokens: 0 },
        running: 0,
      });
    });

    it("never lets answers asking at once hold more than the limit", async () => {
      const id = await newUser();
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          store.budgets.reserve(ask(id, { estimate: { tokens: 100, usd: 0 } })),
        ),
      );
      const held = results.flatMap((result) => (result.ok ? [result.held.tokens] : []));
      expect(held).toHaveLength(10);
      expect(held.reduce((sum, tokens) => sum + tokens, 0)).toBe(1_000);
      expect(results.filter((result) => !result.ok && result.reason === "quota_exceeded")).toHaveLength(10);
    });

    it("caps the answers running at once, and a lapsed hold stops counting", async () => {
      const id = await newUser();
      const defaults = UNLIMITED;
      const lapsed = await store.budgets.reserve(ask(id, { defaults, maxConcurrent: 2, ttlMs: -1_000 }));
      expect(lapsed.ok).toBe(true);
      const running = await Promise.all(
        [1, 2, 3].map(() => store.budgets.reserve(ask(id, { defaults, maxConcurrent: 2 }))),
      );
      expect(running.filter((result) => result.ok)).toHaveLength(2);
      expect(running.filter((result) => !result.ok && result.reason === "too_many_answers")).toHaveLength(1);
      // A later round of a running answer is not a new one.
      const first = running.find((result) => result.ok);
      expect(first).toBeDefined();
    });

    it("counts money over the month and tokens over the day", async () => {
      const id = await newUser();
      await spend(id, 100, new Date(Date.now() - 2 * HOUR), 0.5); // this month, not today
      await spend(id, 10, new Date(), 0.25);
      await spend(id, 1_000, new Date(Date.now() - 48 * HOUR), 9); // last month
      const defaults = { tokensPerDay: null, usdPerMonth: 1 };
      expect(await store.budgets.standing(id, defaults, window())).toMatchObject({
        spent: { tokens: 10, usd: 0.75 },
      });
      const held = await store.budgets.reserve(ask(id, { defaults, estimate: { tokens: 10, usd: 2 } }));
      expect(held).toMatchObject({ ok: true, held: { usd: 0.25 } });
      expect(await store.budgets.reserve(ask(id, { defaults }))).toMatchObject({ ok: false, measure: "usd" });
    });

    it("keeps an admin's settings: default, a number, unlimited, in force over the defaults", async () => {
      const id = await newUser();
      expect(await store.budgets.overrides(id)).toEqual({ tokensPerDay: "default", usdPerMonth: "default" });
      expect(await store.budgets.setOverrides(id, { tokensPerDay: 50, usdPerMonth: "unlimited" })).toEqual({
        tokensPerDay: 50,
        usdPerMonth: "unlimited",
      });
      const defaults = { tokensPerDay: 1_000, usdPerMonth: 5 };
      expect((await store.budgets.standing(id, defaults, window())).limits).toEqual({
        tokensPerDay: 50,
        usdPerMonth: null,
      });
      const held = await store.budgets.reserve(ask(id, { defaults }));
      expect(held).toMatchObject({ ok: true, held: { tokens: 50 } });
      await store.budgets.setOverrides(id, { tokensPerDay: "default", usdPerMonth: 0 });
      expect((await store.budgets.standing(id, defaults, window())).limits).toEqual({
        tokensPerDay: 1_000,
        usdPerMonth: 0,
      });
      expect(await store.budgets.reserve(ask(id, { defaults }))).toMatchObject({
        ok: false,
        reason: "quota_exceeded",
        measure: "usd",
      });
      expect(await store.budgets.overrides("nobody")).toBeUndefined();
      expect(await store.budgets.setOverrides("nobody", { tokensPerDay: 1, usdPerMonth: 1 })).toBeUndefined();
    });

    it("records an unnamed answer's usage, which counts against the day", async () => {
      const id = await newUser();
      await store.budgets.recordUnnamedUsage(id, newId("a"), {
        model: "deepseek-flash",
        promptTokens: 40,
        completionTokens: 2,
        totalTokens: 42,
        firstByteMs: 5,
        totalMs: 9,
        costUsd: 0.25,
        costCny: 1.8,
      });
      const standing = await store.budgets.standing(id, UNLIMITED, window());
      expect(standing.spent).toEqual({ tokens: 42, usd: 0.25 });
    });
  });
}
