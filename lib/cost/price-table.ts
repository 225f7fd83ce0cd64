// What DeepSeek charges, per million tokens, in one dated table (docs/PROVIDER.md "Prices"). An
// answer's cost is computed when it is made and stored with its usage row, so a later price change
// never rewrites what was spent; the table only has to be right for "now", and keeps the earlier
// period so that a cost can be recomputed for the date it was spent.
//
// The operator overrides it with DEEPSEEK_PRICES (load-prices.ts): a negotiated rate, a price that
// changed before this table did, or a model served elsewhere.

/** USD or CNY per million tokens: cache-hit input, cache-miss input, output (reasoning included). */
export interface Rates {
  hit: number;
  miss: number;
  output: number;
}

export interface ModelPrice {
  usd: Rates;
  cny: Rates;
  /** The rates during the table's peak hours; the ones above apply at all other times. */
  peak?: { usd: Rates; cny: Rates } | undefined;
}

/** When peak rates apply: on these weekdays, in these hour ranges, at a fixed UTC offset. */
export interface PeakHours {
  /** Minutes east of UTC: Beijing is +480 and has no daylight saving time. */
  utcOffsetMinutes: number;
  /** 0 Sunday … 6 Saturday, in that offset. */
  weekdays: number[];
  /** [from, to) in whole hours of that offset's day. */
  hours: [number, number][];
}

export interface PriceTable {
  /** The day the prices were read from `source`: what "as of" shows beside a cost. */
  asOf: string;
  source: string;
  /** From this instant on (ISO 8601), until the next table's `since`. */
  since: string;
  peakHours?: PeakHours | undefined;
  models: Record<string, ModelPrice>;
}

const usd = (hit: number, miss: number, output: number): Rates => ({ hit, miss, output });
const cny = usd;

// Weekdays 09:00–12:00 and 14:00–18:00 Beijing time (01:00–04:00 and 06:00–10:00 UTC). DeepSeek
// also bills China's public holidays off-peak; the table does not know them, so an answer on a
// weekday holiday is costed at the peak rate: the figure errs high, never low.
const BEIJING_PEAK: PeakHours = {
  utcOffsetMinutes: 480,
  weekdays: [1, 2, 3, 4, 5],
  hours: [
    [9, 12],
    [14, 18],
  ],
};

const FLASH: ModelPrice = {
  usd: usd(0.003, 0.15, 0.6),
  cny: cny(0.02, 1, 4),
  peak: { usd: usd(0.006, 0.3, 1.2), cny: cny(0.04, 2, 8) },
};

/** Oldest first; the built-in history, read from https://api-docs.deepseek.com/quick_start/pricing. */
export const PRICE_TABLES: readonly PriceTable[] = [
  {
    asOf: "2026-04-26",
    source: "https://api-docs.deepseek.com/quick_start/pricing",
    since: "1970-01-01T00:00:00Z",
    models: {
      "deepseek-v4-flash": { usd: usd(0.0028, 0.14, 0.28), cny: cny(0.02, 1, 2) },
      // The launch discount (75 % off 0.0145 / 1.74 / 3.48 USD).
      "deepseek-v4-pro": { usd: usd(0.003625, 0.435, 0.87), cny: cny(0.025, 3, 6) },
    },
  },
  {
    asOf: "2026-11-15",
    source: "https://api-docs.deepseek.com/quick_start/pricing",
    // Peak and off-peak billing began at 16:00 UTC on 2026-08-16, off-peak at half the peak rate.
    since: "2026-08-16T16:00:00Z",
    peakHours: BEIJING_PEAK,
    models: {
      "deepseek-flash": FLASH,
      // Retired names, still accepted: served by V4.1-Flash and billed at its price.
      "deepseek-v4-flash": FLASH,
      "deepseek-v4-flash-vision-exp": FLASH,
      "deepseek-v4-pro": {
        usd: usd(0.022, 0.66, 1.98),
        cny: cny(0.15, 4.5, 13.5),
        peak: { usd: usd(0.044, 1.32, 3.96), cny: cny(0.3, 9, 27) },
      },
    },
  },
];
