import type { UsageMeasures } from "./conversation-repository";
import type { StoreDatabase } from "./rows";

// Budgets of accounts mode (PROTOCOL.md section 17), as the database keeps them: an admin's limits
// per person, what the person spent (the usage ledger), and what the answers running now hold.
// Every decision to let an answer (or its next round) run is taken in one transaction under the
// person's row lock, so instances sharing one database take them one after another.

/** A person's limit as an admin set it: the server's default, a number, or none at all. */
export type LimitSetting = "default" | "unlimited" | number;

export type OverridesRecorder = (
  tx: StoreDatabase,
  before: BudgetOverrides,
  after: BudgetOverrides,
) => Promise<unknown>;

export interface BudgetOverrides {
  tokensPerDay: LimitSetting;
  usdPerMonth: LimitSetting;
}

/** Limits in force; null is unlimited. */
export interface BudgetLimits {
  tokensPerDay: number | null;
  usdPerMonth: number | null;
}

export interface BudgetAmounts {
  tokens: number;
  usd: number;
}

/** Where the current periods began (budget-periods.ts). */
export interface BudgetWindow {
  dayStart: Date;
  monthStart: Date;
}

/** A person's budget now: limits, what the ledger holds for the periods, and what runs hold. */
export interface BudgetStanding {
  limits: BudgetLimits;
  /** Tokens of today's usage rows, and cost_usd of this month's. */
  spent: BudgetAmounts;
  /** What the answers running now hold (this one's own excluded while it asks). */
  reserved: BudgetAmounts;
  /** How many answers run now (this one excluded while it asks). */
  running: number;
}

export interface ReserveRequest {
  userId: string;
  /** The answer's reservation; a later round of the same answer names it again. */
  reservationId: string;
  defaults: BudgetLimits;
  window: BudgetWindow;
  /** What the answer used so far (nothing before its first round). */
  used: BudgetAmounts;
  /** What its next round is expected to cost: held on top of `used`, at most what is left. */
  estimate: BudgetAmounts;
  /** Checked for a new answer only; a later round is already one of the running. */
  maxConcurrent?: number | undefined;
  ttlMs: number;
}

export type ReserveResult =
  | { ok: true; held: BudgetAmounts; standing: BudgetStanding }
  | { ok: false; reason: "quota_exceeded"; measure: "tokens" | "usd"; standing: BudgetStanding }
  | { ok: false; reason: "too_many_answers"; standing: BudgetStanding };

export interface BudgetRepository {
  /** Lets an answer (or its next round) run, holding what it used plus an estimate, or says why not. */
  reserve(request: ReserveRequest): Promise<ReserveResult>;
  /** The answer settled (its usage row is written): it holds nothing any more. */
  release(userId: string, reservationId: string): Promise<void>;
  standing(userId: string, defaults: BudgetLimits, window: BudgetWindow): Promise<BudgetStanding>;
  /** The admin's settings for a person; undefined for no such account. */
  overrides(userId: string): Promise<BudgetOverrides | undefined>;
  /** Replaces them; undefined for no such account. */
  setOverrides(
    userId: string,
    overrides: BudgetOverrides,
    /** Called in the change's transaction with the settings before and after (the audit log). */
    record?: OverridesRecorder,
  ): Promise<BudgetOverrides | undefined>;
  /**
   * The usage row of an answer that no conversation holds (a script naming none), keyed
   * ("", answerId): no conversation has an empty id, so it never meets a stored answer's row.
   */
  recordUnnamedUsage(ownerId: string, answerId: string, measures: UsageMeasures): Promise<void>;
}

/** The limits in force: an override where an admin set one, else the server's default. */
export function effectiveLimits(defaults: BudgetLimits, overrides: BudgetOverrides): BudgetLimits {
  const pick = (setting: LimitSetting, fallback: number | null) =>
    setting === "default" ? fallback : setting === "unlimited" ? null : setting;
  return {
    tokensPerDay: pick(overrides.tokensPerDay, defaults.tokensPerDay),
    usdPerMonth: pick(overrides.usdPerMonth, defaults.usdPerMonth),
  };
}

/** What is left of each limit (null: unlimited), never below zero. */
export function budgetLeft(standing: BudgetStanding, used: BudgetAmounts = { tokens: 0, usd: 0 }) {
  const left = (limit: number | null, spent: number) => (limit === null ? null : Math.max(0, limit - spent));
  const { limits, spent, reserved } = standing;
  return {
    tokens: left(limits.tokensPerDay, spent.tokens + reserved.tokens + used.tokens),
    usd: left(limits.usdPerMonth, spent.usd + reserved.usd + used.usd),
  };
}
