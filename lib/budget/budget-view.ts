import "server-only";
import type { ServerConfig } from "@/lib/config";
import {
  type BudgetOverrides,
  type BudgetRepository,
  budgetLeft,
  type LimitSetting,
} from "@/lib/store/budget-repository";
import { budgetDefaults } from "./answer-budget";
import { budgetPeriods } from "./budget-periods";

// A person's budget as the API shows it (PROTOCOL.md section 17): per measure, the admin's setting,
// the limit in force, what was spent, what running answers hold, and what is left; when each
// resets; the answers running and their cap.

export interface MeasureView {
  setting: LimitSetting;
  /** null: unlimited. */
  limit: number | null;
  spent: number;
  held: number;
  /** null: unlimited. */
  left: number | null;
  resets_at: string;
}

export interface BudgetView {
  tokens_per_day: MeasureView;
  usd_per_month: MeasureView;
  defaults: { tokens_per_day: number | null; usd_per_month: number | null };
  running: number;
  max_concurrent: number;
  time_zone: string;
}

export async function budgetView(
  repo: BudgetRepository,
  userId: string,
  overrides: BudgetOverrides,
  config: ServerConfig,
  now = new Date(),
): Promise<BudgetView> {
  const periods = budgetPeriods(now, config.quotaTimeZone);
  const defaults = budgetDefaults(config);
  const standing = await repo.standing(userId, defaults, periods);
  const left = budgetLeft(standing);
  return {
    tokens_per_day: {
      setting: overrides.tokensPerDay,
      limit: standing.limits.tokensPerDay,
      spent: standing.spent.tokens,
      held: standing.reserved.tokens,
      left: left.tokens,
      resets_at: periods.dayEnd.toISOString(),
    },
    usd_per_month: {
      setting: overrides.usdPerMonth,
      limit: standing.limits.usdPerMonth,
      spent: standing.spent.usd,
      held: standing.reserved.usd,
      left: left.usd,
      resets_at: periods.monthEnd.toISOString(),
    },
    defaults: { tokens_per_day: defaults.tokensPerDay, usd_per_month: defaults.usdPerMonth },
    running: standing.running,
    max_concurrent: config.userMaxConcurrent,
    time_zone: config.quotaTimeZone,
  };
}
