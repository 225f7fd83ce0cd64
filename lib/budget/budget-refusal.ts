import "server-only";
import { ChatError } from "@/lib/agent/chat-error";
import { jsonErrorWith } from "@/lib/http/responses";
import { type BudgetStanding, budgetLeft } from "@/lib/store/budget-repository";
import type { BudgetPeriods } from "./budget-periods";

// The budget's refusals (PROTOCOL.md section 17): before the model is called, a 429 JSON error with
// Retry-After and what the figures are; before a later round, the `error` event of the same code.

export type BudgetMeasureName = "tokens_per_day" | "usd_per_month";

/** What a quota refusal says besides its message: which limit, what is left, when it resets. */
export interface QuotaDetails {
  measure: BudgetMeasureName;
  limit: number;
  left: number;
  resets_at: string;
}

const tokensText = (n: number) => `${Math.round(n).toLocaleString("en-US")} tokens`;
const usdText = (n: number) => `US$${n.toFixed(n < 1 ? 4 : 2)}`;

export function quotaDetails(
  measure: "tokens" | "usd",
  standing: BudgetStanding,
  periods: BudgetPeriods,
): QuotaDetails {
  const left = budgetLeft(standing);
  return measure === "tokens"
    ? {
        measure: "tokens_per_day",
        limit: standing.limits.tokensPerDay ?? 0,
        left: left.tokens ?? 0,
        resets_at: periods.dayEnd.toISOString(),
      }
    : {
        measure: "usd_per_month",
        limit: standing.limits.usdPerMonth ?? 0,
        left: left.usd ?? 0,
        resets_at: periods.monthEnd.toISOString(),
      };
}

export function quotaMessage(details: QuotaDetails, timeZone: string): string {
  const amount = details.measure === "tokens_per_day" ? tokensText : usdText;
  const period =
    details.measure === "tokens_per_day" ? "today's token budget" : "this month's spending budget";
  return (
    `You have used ${period} (${amount(details.limit - details.left)} of ${amount(details.limit)}; ` +
    `${amount(details.left)} left, held by answers still running or spent). It resets at ` +
    `${details.resets_at} (midnight ${timeZone}).`
  );
}

/** A refusal before the model is called: the 429 response, and its code and message as data. */
export interface BudgetRefusal {
  response: Response;
  error: { code: "quota_exceeded" | "too_many_answers"; message: string };
}

/** 429 quota_exceeded before the model is called, Retry-After counting to the reset. */
export function quotaRefusal(details: QuotaDetails, timeZone: string, now: Date): BudgetRefusal {
  const seconds = Math.max(1, Math.ceil((Date.parse(details.resets_at) - now.getTime()) / 1000));
  const message = quotaMessage(details, timeZone);
  return {
    response: jsonErrorWith("quota_exceeded", message, { ...details }, { "Retry-After": String(seconds) }),
    error: { code: "quota_exceeded", message },
  };
}

/** 429 too_many_answers: the person's answers running at once reached USER_MAX_CONCURRENT. */
export function concurrencyRefusal(limit: number): BudgetRefusal {
  const message = `You have ${limit} answers running already (USER_MAX_CONCURRENT); wait for one to finish, or stop one, then ask again.`;
  return {
    // An answer takes seconds to minutes; a few seconds is a fair first wait.
    response: jsonErrorWith("too_many_answers", message, { limit }, { "Retry-After": "5" }),
    error: { code: "too_many_answers", message },
  };
}

/** Ends an answer before a later round: the stream's `error` event. */
export function quotaError(details: QuotaDetails, timeZone: string): ChatError {
  return new ChatError("quota_exceeded", quotaMessage(details, timeZone));
}
