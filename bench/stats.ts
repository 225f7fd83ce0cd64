import { percentile, round } from "../scripts/load/figures";

// The arithmetic of the report, kept pure so it is tested: summaries, ratios, per-chunk figures,
// and the per-piece delay between the upstream writing a chunk and the client reading its event.

export interface Summary {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

export function summarize(samples: number[]): Summary {
  if (samples.length === 0) return { n: 0, p50: Number.NaN, p99: Number.NaN, max: Number.NaN };
  return {
    n: samples.length,
    p50: round(percentile(samples, 50), 2),
    p99: round(percentile(samples, 99), 2),
    // A loop, not Math.max(...samples): 1,000 streams give more samples than the stack holds.
    max: round(
      samples.reduce((a, b) => Math.max(a, b), -Infinity),
      2,
    ),
  };
}

/** value / base to two decimals; null when either is missing or the base is not positive. */
export function ratio(value: number | null | undefined, base: number | null | undefined): number | null {
  if (value == null || base == null || !Number.isFinite(value) || !Number.isFinite(base) || base <= 0)
    return null;
  return round(value / base, 2);
}

export function perThousand(total: number, count: number): number {
  return count > 0 ? round((total / count) * 1000, 1) : Number.NaN;
}

/**
 * arrival − send for each piece, matched by position; undefined when the counts differ (a piece
 * lost or invented), which the caller reports as an error rather than guessing the pairing.
 */
export function addedDelays(arrivals: number[], sent: number[]): number[] | undefined {
  if (arrivals.length !== sent.length) return undefined;
  return arrivals.map((at, i) => at - (sent[i] as number));
}

/** The items starting at position `by` (mod length): round r runs the relays in a different order. */
export function rotate<T>(items: readonly T[], by: number): T[] {
  if (items.length === 0) return [];
  const start = ((by % items.length) + items.length) % items.length;
  return [...items.slice(start), ...items.slice(0, start)];
}

export { round };
