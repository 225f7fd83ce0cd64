import { z } from "zod";
import { PRICE_TABLES, type PriceTable } from "./price-table";

// DEEPSEEK_PRICES: the operator's prices, tried before the built-in table for the models it names,
// at every date. JSON, per million tokens, e.g.
//   {"as_of":"2026-12-01","models":{"deepseek-flash":{"usd":{"hit":0.003,"miss":0.15,"output":0.6},
//    "cny":{"hit":0.02,"miss":1,"output":4}}}}
// with optional "source", per-model "peak" rates and "peak_hours" (PROTOCOL.md section 16).

const rate = z.number().finite().nonnegative();
const rates = z.strictObject({ hit: rate, miss: rate, output: rate });
const both = z.strictObject({ usd: rates, cny: rates });
const hour = z.number().int().min(0).max(24);

const Override = z.strictObject({
  as_of: z.iso.date(),
  source: z.string().min(1).optional(),
  peak_hours: z
    .strictObject({
      utc_offset_minutes: z.number().int().min(-720).max(840),
      weekdays: z.array(z.number().int().min(0).max(6)),
      hours: z.array(z.tuple([hour, hour])),
    })
    .optional(),
  models: z.record(z.string().min(1), both.extend({ peak: both.optional() })),
});

export class PricesError extends Error {}

const cache = new Map<string, readonly PriceTable[]>();

/** The tables to cost with, newest first; throws PricesError naming what is wrong with the override. */
export function loadPrices(raw: string | undefined = process.env.DEEPSEEK_PRICES): readonly PriceTable[] {
  const key = raw?.trim() ?? "";
  const known = cache.get(key);
  if (known) return known;
  const builtIn = [...PRICE_TABLES].reverse();
  const tables = key ? [parseOverride(key), ...builtIn] : builtIn;
  cache.set(key, tables);
  return tables;
}

function parseOverride(text: string): PriceTable {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new PricesError("DEEPSEEK_PRICES is not JSON");
  }
  const parsed = Override.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join(".") || "(top)";
    throw new PricesError(`DEEPSEEK_PRICES: ${path}: ${issue?.message ?? "invalid"}`);
  }
  const { as_of, source, peak_hours, models } = parsed.data;
  return {
    asOf: as_of,
    source: source ?? "DEEPSEEK_PRICES",
    since: "1970-01-01T00:00:00Z",
    ...(peak_hours
      ? {
          peakHours: {
            utcOffsetMinutes: peak_hours.utc_offset_minutes,
            weekdays: peak_hours.weekdays,
            hours: peak_hours.hours,
          },
        }
      : {}),
    models,
  };
}

/** What stops the server at start (server.ts) when the override is wrong; undefined when it is fine. */
export function pricesRefusal(raw: string | undefined): string | undefined {
  try {
    loadPrices(raw);
    return undefined;
  } catch (error) {
    if (error instanceof PricesError) return error.message;
    throw error;
  }
}

let warned = false;

/**
 * The tables for costing an answer that is already running: a bad override was refused at start
 * (server.ts); where nothing checked it (Vercel), it is reported once and the built-in table used.
 */
export function pricesForAnswers(): readonly PriceTable[] {
  try {
    return loadPrices();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (!warned) console.error(`[cost] ${reason}; using the built-in prices`);
    warned = true;
    return loadPrices("");
  }
}
