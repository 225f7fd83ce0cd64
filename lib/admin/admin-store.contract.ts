import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changePerson } from "@/lib/auth/people";
import type { Store } from "@/lib/store/open-store";
import { adminAudit, usage, user } from "@/lib/store/schema";
import { listAdminActions, parseAuditCursor, recordAdminAction } from "./audit-log";
import { usageReport, usageReportQuery } from "./usage-report";

// One suite for every database behind the admin page (pglite-store.test.ts,
// postgres-store.test.ts): the usage report's sums, summed here by hand, with its days in a time
// zone and its period's edges; and the audit log written with the change it records, or not at all.

let counter = 0;
const newId = (kind: string) => `${kind}-${process.pid}-${Date.now().toString(36)}-${counter++}`;

interface Answer {
  owner: string;
  at: string;
  prompt: number;
  hit?: number;
  miss?: number;
  completion: number;
  /** USD; CNY is 7 times it here. Absent: the model had no known price. */
  usd?: number;
}

export function describeAdminStore(name: string, factory: () => Promise<Store>): void {
  describe(`${name}: the admin's report and audit log`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await factory();
    }, 120_000);
    afterAll(async () => {
      await store?.close();
    });

    async function newUser(label: string, status: "active" | "pending" = "active"): Promise<string> {
      const id = newId(label);
      await store.db.insert(user).values({ id, name: label, email: `${id}@example.com`, status });
      return id;
    }

    async function answer({ owner, at, prompt, hit, miss, completion, usd }: Answer): Promise<void> {
      await store.db.insert(usage).values({
        conversationId: newId("c"),
        messageId: "a",
        ownerId: owner,
        model: "deepseek-chat",
        promptTokens: prompt,
        cacheHitTokens: hit ?? null,
        cacheMissTokens: miss ?? null,
        completionTokens: completion,
        totalTokens: prompt + completion,
        totalMs: 10,
        costUsd: usd ?? null,
        costCny: usd === undefined ? null : usd * 7,
        createdAt: new Date(at),
      });
    }

    it("sums per person per day, per person and overall, in the time zone's days of the period", async () => {
      const [ann, bob] = [await newUser("ann"), await newUser("bob")];
      // Shanghai is UTC+8: the period of 7 days ending on 2026-03-10 there is
      // [2026-03-03T16:00Z, 2026-03-10T16:00Z).
      // Money in binary fractions, so that sums compare exactly.
      await answer({ owner: ann, at: "2026-03-03T15:59:59.999Z", prompt: 9_999, completion: 1, usd: 100 });
      await answer({
        owner: ann,
        at: "2026-03-03T16:00:00.000Z",
        prompt: 1_000,
        hit: 600,
        miss: 400,
        completion: 200,
        usd: 0.25,
      });
      await answer({ owner: ann, at: "2026-03-09T17:00:00.000Z", prompt: 500, completion: 100 });
      await answer({
        owner: ann,
        at: "2026-03-10T03:00:00.000Z",
        prompt: 300,
        hit: 0,
        miss: 300,
        completion: 50,
        usd: 0.125,
      });
      await answer({ owner: ann, at: "2026-03-10T16:00:00.000Z", prompt: 9_999, completion: 1 });
      await answer({
        owner: bob,
        at: "2026-03-09T15:00:00.000Z",
        prompt: 2_000,
        hit: 1_500,
        miss: 500,
        completion: 400,
        usd: 0.5,
      });
      // Not an account (the open mode's owner): not a person of the report.
      await answer({
        owner: "local",
        at: "2026-03-08T00:00:00.000Z",
        prompt: 7_777,
        completion: 1,
        usd: 100,
      });

      const report = await usageReport(store.db, {
        days: 7,
        timeZone: "Asia/Shanghai",
        now: new Date("2026-03-10T12:00:00.000Z"),
      });
      expect(report).toMatchObject({
        from: "2026-03-04",
        to: "2026-03-10",
        days: 7,
        timeZone: "Asia/Shanghai",
      });
      expect(report.daily).toEqual(
        [
          // 03-04: one answer, 600 of 1000 prompt tokens from the cache.
          {
            userId: ann,
            day: "2026-03-04",
            answers: 1,
            promptTokens: 1_000,
            completionTokens: 200,
            totalTokens: 1_200,
            cacheHitTokens: 600,
            cacheMissTokens: 400,
            cacheHitShare: 0.6,
            costUsd: 0.25,
            costCny: 1.75,
            unpricedAnswers: 0,
          },
          // 03-10 (01:00 and 11:00 there): 500 + 300 prompt, 100 + 50 out; only the second
          // reported the cache, 0 of 300, and had a price.
          {
            userId: ann,
            day: "2026-03-10",
            answers: 2,
            promptTokens: 800,
            completionTokens: 150,
            totalTokens: 950,
            cacheHitTokens: 0,
            cacheMissTokens: 300,
            cacheHitShare: 0,
            costUsd: 0.125,
            costCny: 0.875,
            unpricedAnswers: 1,
          },
          // 23:00 on 03-09 there.
          {
            userId: bob,
            day: "2026-03-09",
            answers: 1,
            promptTokens: 2_000,
            completionTokens: 400,
            totalTokens: 2_400,
            cacheHitTokens: 1_500,
            cacheMissTokens: 500,
            cacheHitShare: 0.75,
            costUsd: 0.5,
            costCny: 3.5,
            unpricedAnswers: 0,
          },
        ].sort((a, b) => a.userId.localeCompare(b.userId) || a.day.localeCompare(b.day)),
      );
      // Bob's 2400 tokens come before Ann's 1200 + 950 = 2150.
      expect(report.people.map((person) => [person.name, person.totalTokens, person.answers])).toEqual([
        ["bob", 2_400, 1],
        ["ann", 2_150, 3],
      ]);
      expect(report.people[1]).toMatchObject({
        email: `${ann}@example.com`,
        cacheHitTokens: 600,
        cacheMissTokens: 700,
        // 0.25 + 0.125, and 1.75 + 0.875; the answer with no price is in the tokens only.
        costUsd: 0.375,
        costCny: 2.625,
        unpricedAnswers: 1,
      });
      // 600 / (600 + 700)
      expect(report.people[1]?.cacheHitShare).toBeCloseTo(600 / 1_300, 12);
      expect(report.total).toMatchObject({
        answers: 4,
        promptTokens: 3_800,
        completionTokens: 750,
        totalTokens: 4_550,
        cacheHitTokens: 2_100,
        cacheMissTokens: 1_200,
        costUsd: 0.875,
        costCny: 6.125,
        unpricedAnswers: 1,
      });
      // (600 + 0 + 1500) / (1000 + 300 + 2000)
      expect(report.total.cacheHitShare).toBeCloseTo(2_100 / 3_300, 12);

      // In UTC the period is [03-04T00:00Z, 03-11T00:00Z): Ann's first answer falls out of it and
      // her last into it, and her 17:00Z answer is on 03-09.
      const utc = await usageReport(store.db, {
        days: 7,
        timeZone: "UTC",
        now: new Date("2026-03-10T12:00:00.000Z"),
      });
      expect(utc.daily.filter((row) => row.userId === ann).map((row) => [row.day, row.answers])).toEqual([
        ["2026-03-09", 1],
        ["2026-03-10", 2],
      ]);
    });

    it("finds a period's rows by the usage_created index, not by reading the whole ledger", async () => {
      // A few rows make a sequential scan the cheapest plan; the test asks whether the index can
      // serve the period's bounds at all (a big ledger: see the commit's EXPLAIN figures).
      const plan = await store.db.transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL enable_seqscan = off`);
        const query = usageReportQuery({ from: "2026-03-04", to: "2026-03-10", timeZone: "Asia/Shanghai" });
        return JSON.stringify(await tx.execute(sql`EXPLAIN ${query}`));
      });
      expect(plan).toMatch(
        /Index (Only )?Scan using usage_created on usage|Bitmap Index Scan on usage_created/,
      );
      expect(plan).toContain("Index Cond");
    });

    it("answers a period with no usage with zeros and no shares", async () => {
      const report = await usageReport(store.db, {
        days: 30,
        timeZone: "UTC",
        now: new Date("2001-01-31T00:00:00Z"),
      });
      expect(report).toMatchObject({ from: "2001-01-02", to: "2001-01-31", daily: [], people: [] });
      expect(report.total).toEqual({
        answers: 0,
        promptTokens: 0,
        completionTokens: 0,
        totalTokens: 0,
        cacheHitTokens: 0,
        cacheMissTokens: 0,
        cacheHitShare: null,
        costUsd: null,
        costCny: null,
        unpricedAnswers: 0,
      });
    });

    it("logs each change of an account with the change, before and after, newest first, by pages", async () => {
      const [admin, bob] = [await newUser("admin"), await newUser("bob", "pending")];
      await store.db.update(user).set({ role: "admin" }).where(eq(user.id, admin));
      await changePerson(store.db, admin, bob, { status: "active" });
      await changePerson(store.db, admin, bob, { role: "admin" });
      // Nothing changed: no line.
      await changePerson(store.db, admin, bob, { status: "active" });
      await changePerson(store.db, admin, bob, { status: "disabled", role: "user" });
      expect(await changePerson(store.db, admin, "nobody", { status: "active" })).toBeUndefined();

      const mine = (await listAdminActions(store.db, { limit: 200 })).entries.filter(
        (e) => e.actor.id === admin,
      );
      expect(mine.map((entry) => [entry.action, entry.before, entry.after])).toEqual([
        ["account", { status: "active", role: "admin" }, { status: "disabled", role: "user" }],
        ["account", { status: "active", role: "user" }, { status: "active", role: "admin" }],
        ["account", { status: "pending", role: "user" }, { status: "active", role: "user" }],
      ]);
      expect(mine[0]?.actor).toEqual({ id: admin, name: "admin", email: `${admin}@example.com` });
      expect(mine[0]?.target).toEqual({ id: bob, name: "bob", email: `${bob}@example.com` });
      expect(mine[0]?.at).toBeGreaterThanOrEqual(mine[1]?.at ?? Number.POSITIVE_INFINITY);

      // Pages of one: the same lines, in the same order, each once.
      const paged: string[] = [];
      let before: string | null = null;
      do {
        const cursor = before === null ? undefined : parseAuditCursor(before);
        const page = await listAdminActions(store.db, { before: cursor, limit: 1 });
        paged.push(...page.entries.map((entry) => entry.id));
        before = page.next;
      } while (before !== null);
      const all = (await listAdminActions(store.db, { limit: 200 })).entries.map((entry) => entry.id);
      expect(paged).toEqual(all);
      expect(parseAuditCursor("not a cursor")).toBeUndefined();
    });

    it("writes a line only with the change it records: a rolled-back change leaves none", async () => {
      const [admin, carol] = [await newUser("admin"), await newUser("carol")];
      const failed = store.db.transaction(async (tx) => {
        await tx.update(user).set({ status: "disabled" }).where(eq(user.id, carol));
        await recordAdminAction(tx, {
          actorId: admin,
          action: "budget",
          targetId: carol,
          before: { tokensPerDay: null },
          after: { tokensPerDay: 1_000 },
        });
        throw new Error("the change failed after its line was written");
      });
      await expect(failed).rejects.toThrow("the change failed");
      expect(await store.db.select().from(adminAudit).where(eq(adminAudit.targetId, carol))).toEqual([]);
      expect((await store.db.select().from(user).where(eq(user.id, carol)))[0]?.status).toBe("active");

      // An account that no longer exists keeps its id in the log.
      const gone = newId("gone");
      await recordAdminAction(store.db, {
        actorId: admin,
        action: "budget",
        targetId: gone,
        before: { tokensPerDay: null },
        after: { tokensPerDay: 1_000 },
      });
      const [line] = (await listAdminActions(store.db, { limit: 200 })).entries.filter(
        (e) => e.target.id === gone,
      );
      expect(line).toMatchObject({ action: "budget", target: { id: gone }, after: { tokensPerDay: 1_000 } });
      expect(line?.target.name).toBeUndefined();
      const [{ count } = { count: -1 }] = await store.db
        .select({ count: sql<number>`count(*)::int` })
        .from(adminAudit)
        .where(eq(adminAudit.targetId, gone));
      expect(count).toBe(1);
    });
  });
}
