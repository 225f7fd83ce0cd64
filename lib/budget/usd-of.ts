import "server-only";
import { type Cost, roundCost } from "@/lib/cost/answer-cost";
import { pricesForAnswers } from "@/lib/cost/load-prices";

// Money for budgets, from the price table the answers' `end` uses (PROTOCOL.md section 16).

/** What a round's tokens of `model` cost at `at`; undefined for a model with no known price. */
export function costAt(
  tokens: { prompt: number; completion: number; cached?: number | undefined },
  model: string,
  at: Date,
): Cost | undefined {
  return roundCost(pricesForAnswers(), model, tokens, at);
}

export function usdOf(
  tokens: { prompt: number; completion: number; cached?: number | undefined },
  model: string,
  at: Date,
): number | undefined {
  return costAt(tokens, model, at)?.usd;
}
