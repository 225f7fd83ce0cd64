import type { CostData } from "@/lib/protocol/events";
import type { ModelPrice, PeakHours, PriceTable, Rates } from "./price-table";

// What an answer cost (docs/PROVIDER.md "Prices"): cache hits × hit rate + cache misses × miss rate
// + completion × output rate, per million tokens, at the rates of the moment each model round
// ended. Pure: the tables come in, so tests and the operator's override see the same arithmetic.

/** `end`'s `stats.cost` (PROTOCOL.md section 16): USD, CNY, and the price table's date. */
export type Cost = CostData;

export interface CostedTokens {
  prompt: number;
  completion: number;
  /** Cache hits; undefined when the server did not say, and then every prompt token is a miss. */
  cached?: number | undefined;
}

export interface Quote {
  rates: { usd: Rates; cny: Rates };
  asOf: string;
  peak: boolean;
}

/**
 * The rates for `model` at `at`: from the first table (the operator's override first, then the
 * built-in history newest first) that applies at `at` and knows the model; undefined if none does.
 */
export function quote(tables: readonly PriceTable[], model: string, at: Date): Quote | undefined {
  const time = at.getTime();
  for (const table of tables) {
    if (Date.parse(table.since) > time) continue;
    const price: ModelPrice | undefined = Object.hasOwn(table.models, model)
      ? table.models[model]
      : undefined;
    if (!price) continue;
    const peak = price.peak !== undefined && table.peakHours !== undefined && isPeak(table.peakHours, at);
    return { rates: peak && price.peak ? price.peak : price, asOf: table.asOf, peak };
  }
  return undefined;
}

export function isPeak(hours: PeakHours, at: Date): boolean {
  const local = new Date(at.getTime() + hours.utcOffsetMinutes * 60_000);
  if (!hours.weekdays.includes(local.getUTCDay())) return false;
  const hour = local.getUTCHours() + local.getUTCMinutes() / 60;
  return hours.hours.some(([from, to]) => hour >= from && hour < to);
}

export function costOf(tokens: CostedTokens, quoted: Quote): Cost {
  const hits = Math.min(tokens.cached ?? 0, tokens.prompt);
  const misses = tokens.prompt - hits;
  const price = (rates: Rates) =>
    (hits * rates.hit + misses * rates.miss + tokens.completion * rates.output) / 1e6;
  return { usd: price(quoted.rates.usd), cny: price(quoted.rates.cny), as_of: quoted.asOf };
}

/** One round's cost, or undefined when its model has no known price. */
export function roundCost(
  tables: readonly PriceTable[],
  model: string,
  tokens: CostedTokens,
  at: Date,
): Cost | undefined {
  const quoted = quote(tables, model, at);
  return quoted && costOf(tokens, quoted);
}

/** Two rounds' (or answers') costs together; the newer table's date stands for both. */
export function addCost(sum: Cost | undefined, next: Cost): Cost {
  if (!sum) return { ...next };
  return {
    usd: sum.usd + next.usd,
    cny: sum.cny + next.cny,
    // ISO dates: the later one sorts last.
    as_of: next.as_of.localeCompare(sum.as_of) > 0 ? next.as_of : sum.as_of,
  };
}

/** Cache hits over prompt tokens, 0..1; undefined when the server did not report hits. */
export function cacheHitShare(tokens: CostedTokens): number | undefined {
  if (tokens.cached === undefined || tokens.prompt <= 0) return undefined;
  return Math.min(1, tokens.cached / tokens.prompt);
}
