import "server-only";
import { and, eq, gt, gte, lte, ne, sql } from "drizzle-orm";
import {
  type BudgetAmounts,
  type BudgetLimits,
  type BudgetOverrides,
  type BudgetRepository,
  type BudgetStanding,
  type BudgetWindow,
  budgetLeft,
  effectiveLimits,
  type LimitSetting,
  type OverridesRecorder,
  type ReserveRequest,
  type ReserveResult,
} from "./budget-repository";
import type { BudgetMeasure } from "./budget-schema";
import type { UsageMeasures } from "./conversation-repository";
import type { StoreDatabase } from "./rows";
import { budgetOverrides, budgetReservations, usage, user } from "./schema";
import { usageColumns } from "./usage-ledger";

// Budgets on Drizzle, the same code for PGlite and node-postgres. A reservation is decided under
// the person's row lock (SELECT … FOR UPDATE): two answers asking at once, from one instance or
// two, see each other's holds.

/** The conversation id of usage rows no conversation holds (budget-repository.ts). */
export const UNNAMED_CONVERSATION = "";

const float = (value: unknown) => sql<number>`coalesce(${value}, 0)::float8`;

export class SqlBudgetRepository implements BudgetRepository {
  constructor(private readonly db: StoreDatabase) {}

  reserve(request: ReserveRequest): Promise<ReserveResult> {
    const { userId, reservationId, used, estimate } = request;
    return this.db.transaction(async (tx) => {
      const [person] = await tx.select({ id: user.id }).from(user).where(eq(user.id, userId)).for("update");
      if (!person) throw new Error(`no account ${userId}`);
      await tx
        .delete(budgetReservations)
        .where(and(eq(budgetReservations.userId, userId), lte(budgetReservations.expiresAt, sql`now()`)));
      const standing = await standingIn(tx, userId, request.defaults, request.window, reservationId);
      if (request.maxConcurrent !== undefined && standing.running >= request.maxConcurrent) {
        return { ok: false, reason: "too_many_answers", standing } as const;
      }
      const left = budgetLeft(standing, used);
      if (left.tokens === 0)
        return { ok: false, reason: "quota_exceeded", measure: "tokens", standing } as const;
      if (left.usd === 0) return { ok: false, reason: "quota_exceeded", measure: "usd", standing } as const;
      // Never more than is left: whoever has budget left can always ask.
      const held: BudgetAmounts = {
        tokens: used.tokens + Math.min(estimate.tokens, left.tokens ?? Number.POSITIVE_INFINITY),
        usd: used.usd + Math.min(estimate.usd, left.usd ?? Number.POSITIVE_INFINITY),
      };
      const expiresAt = sql`now() + ${`${request.ttlMs} milliseconds`}::interval`;
      await tx
        .insert(budgetReservations)
        .values({ id: reservationId, userId, ...held, expiresAt })
        .onConflictDoUpdate({ target: budgetReservations.id, set: { ...held, expiresAt } });
      return { ok: true, held, standing } as const;
    });
  }

  async release(userId: string, reservationId: string): Promise<void> {
    await this.db
      .delete(budgetReservations)
      .where(and(eq(budgetReservations.id, reservationId), eq(budgetReservations.userId, userId)));
  }

  standing(userId: string, defaults: BudgetLimits, window: BudgetWindow): Promise<BudgetStanding> {
    return standingIn(this.db, userId, defaults, window, undefined);
  }

  async overrides(userId: string): Promise<BudgetOverrides | undefined> {
    const [person] = await this.db.select({ id: user.id }).from(user).where(eq(user.id, userId));
    return person ? overridesIn(this.db, userId) : undefined;
  }

  setOverrides(
    userId: string,
    overrides: BudgetOverrides,
    record?: OverridesRecorder,
  ): Promise<BudgetOverrides | undefined> {
    return this.db.transaction(async (tx) => {
      const [person] = await tx.select({ id: user.id }).from(user).where(eq(user.id, userId)).for("update");
      if (!person) return undefined;
      const before = await overridesIn(tx, userId);
      const settings: [BudgetMeasure, LimitSetting][] = [
        ["tokens_per_day", overrides.tokensPerDay],
        ["usd_per_month", overrides.usdPerMonth],
      ];
      for (const [measure, setting] of settings) {
        const row = and(eq(budgetOverrides.userId, userId), eq(budgetOverrides.measure, measure));
        if (setting === "default") {
          await tx.delete(budgetOverrides).where(row);
          continue;
        }
        const amount = setting === "unlimited" ? null : setting;
        await tx
          .insert(budgetOverrides)
          .values({ userId, measure, amount, updatedAt: sql`now()` })
          .onConflictDoUpdate({
            target: [budgetOverrides.userId, budgetOverrides.measure],
            set: { amount, updatedAt: sql`now()` },
          });
      }
      const after = await overridesIn(tx, userId);
      const changed = before.tokensPerDay !== after.tokensPerDay || before.usdPerMonth !== after.usdPerMonth;
      if (changed && record) await record(tx, before, after);
      return after;
    });
  }

  async recordUnnamedUsage(ownerId: string, answerId: string, measures: UsageMeasures): Promise<void> {
    await this.db
      .insert(usage)
      .values({
        conversationId: UNNAMED_CONVERSATION,
        messageId: answerId,
        ownerId,
        ...usageColumns(measures),
      })
      .onConflictDoNothing();
  }
}

async function overridesIn(db: StoreDatabase, userId: string): Promise<BudgetOverrides> {
  const rows = await db
    .select({ measure: budgetOverrides.measure, amount: budgetOverrides.amount })
    .from(budgetOverrides)
    .where(eq(budgetOverrides.userId, userId));
  const setting = (measure: BudgetMeasure): LimitSetting => {
    const row = rows.find((candidate) => candidate.measure === measure);
    return row === undefined ? "default" : (row.amount ?? "unlimited");
  };
  return { tokensPerDay: setting("tokens_per_day"), usdPerMonth: setting("usd_per_month") };
}

/** The person's standing; `except` leaves an answer's own reservation out of the holds. */
async function standingIn(
  db: StoreDatabase,
  userId: string,
  defaults: BudgetLimits,
  window: BudgetWindow,
  except: string | undefined,
): Promise<BudgetStanding> {
  const since = new Date(Math.min(window.dayStart.getTime(), window.monthStart.getTime()));
  const dayStart = sql`${window.dayStart.toISOString()}::timestamptz`;
  const monthStart = sql`${window.monthStart.toISOString()}::timestamptz`;
  const [spent] = await db
    .select({
      tokens: float(sql`sum(${usage.totalTokens}) filter (where ${usage.createdAt} >= ${dayStart})`),
      usd: float(sql`sum(${usage.costUsd}) filter (where ${usage.createdAt} >= ${monthStart})`),
    })
    .from(usage)
    .where(and(eq(usage.ownerId, userId), gte(usage.createdAt, since)));
  const live = [eq(budgetReservations.userId, userId), gt(budgetReservations.expiresAt, sql`now()`)];
  if (except !== undefined) live.push(ne(budgetReservations.id, except));
  const [held] = await db
    .select({
      running: sql<number>`count(*)::int`,
      tokens: float(sql`sum(${budgetReservations.tokens})`),
      usd: float(sql`sum(${budgetReservations.usd})`),
    })
    .from(budgetReservations)
    .where(and(...live));
  return {
    limits: effectiveLimits(defaults, await overridesIn(db, userId)),
    spent: { tokens: spent?.tokens ?? 0, usd: spent?.usd ?? 0 },
    reserved: { tokens: held?.tokens ?? 0, usd: held?.usd ?? 0 },
    running: held?.running ?? 0,
  };
}
