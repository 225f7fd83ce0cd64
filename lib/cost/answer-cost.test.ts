import { describe, expect, it } from "vitest";
import { addCost, cacheHitShare, costOf, isPeak, quote, roundCost } from "./answer-cost";
import { loadPrices, PricesError } from "./load-prices";
import { PRICE_TABLES } from "./price-table";

const tables = loadPrices("");
// 1,000 prompt tokens of which 800 cache hits, 500 completion tokens.
const tokens = { prompt: 1_000, cached: 800, completion: 500 };
// Saturday 28 November 2026, 11:00 in Beijing: a weekend, off-peak all day.
const saturday = new Date("2026-11-28T03:00:00Z");
// Wednesday 25 November 2026, 11:00 in Beijing: peak.
const wednesdayPeak = new Date("2026-11-25T03:00:00Z");

describe("the price table", () => {
  it("lists its periods oldest first, each dated and sourced", () => {
    const since = PRICE_TABLES.map((table) => Date.parse(table.since));
    expect(since).toEqual([...since].sort((a, b) => a - b));
    for (const table of PRICE_TABLES) {
      expect(table.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(table.source).toMatch(/^https:\/\//);
    }
  });
});

describe("answer cost", () => {
  it("prices cache hits, misses and output separately, by hand (deepseek-flash, off-peak)", () => {
    const cost = roundCost(tables, "deepseek-flash", tokens, saturday);
    // USD: 800 × 0.003 + 200 × 0.15 + 500 × 0.6 = 2.4 + 30 + 300 = 332.4 per million.
    expect(cost?.usd).toBeCloseTo(0.0003324, 12);
    // CNY: 800 × 0.02 + 200 × 1 + 500 × 4 = 16 + 200 + 2,000 = 2,216 per million.
    expect(cost?.cny).toBeCloseTo(0.002216, 12);
    expect(cost?.as_of).toBe("2026-11-15");
  });

  it("doubles at peak hours (weekdays 09:00–12:00 and 14:00–18:00 Beijing time)", () => {
    const cost = roundCost(tables, "deepseek-flash", tokens, wednesdayPeak);
    expect(cost?.usd).toBeCloseTo(0.0006648, 12);
    expect(cost?.cny).toBeCloseTo(0.004432, 12);
    const pro = roundCost(tables, "deepseek-v4-pro", tokens, wednesdayPeak);
    // 800 × 0.044 + 200 × 1.32 + 500 × 3.96 = 35.2 + 264 + 1,980 = 2,279.2 per million.
    expect(pro?.usd).toBeCloseTo(0.0022792, 12);
    // 800 × 0.3 + 200 × 9 + 500 × 27 = 240 + 1,800 + 13,500 = 15,540 per million.
    expect(pro?.cny).toBeCloseTo(0.01554, 12);
  });

  it("finds the peak hours' edges in Beijing time, whatever the UTC day", () => {
    const peak = PRICE_TABLES.at(-1)?.peakHours;
    if (!peak) throw new Error("the current table has peak hours");
    const at = (iso: string) => isPeak(peak, new Date(iso));
    expect(at("2026-11-25T00:59:59Z")).toBe(false); // 08:59:59
    expect(at("2026-11-25T01:00:00Z")).toBe(true); // 09:00
    expect(at("2026-11-25T03:59:59Z")).toBe(true); // 11:59:59
    expect(at("2026-11-25T04:00:00Z")).toBe(false); // 12:00, lunch
    expect(at("2026-11-25T05:59:59Z")).toBe(false); // 13:59:59
    expect(at("2026-11-25T06:00:00Z")).toBe(true); // 14:00
    expect(at("2026-11-25T09:59:59Z")).toBe(true); // 17:59:59
    expect(at("2026-11-25T10:00:00Z")).toBe(false); // 18:00
    // Friday 23:30 UTC is Saturday 07:30 in Beijing; Sunday 17:00 UTC is Monday 01:00.
    expect(at("2026-11-27T23:30:00Z")).toBe(false);
    expect(at("2026-11-29T17:00:00Z")).toBe(false);
    // Monday 01:30 UTC is Monday 09:30: peak.
    expect(at("2026-11-30T01:30:00Z")).toBe(true);
  });

  it("uses the flat prices before peak billing began (16:00 UTC, 16 August 2026)", () => {
    const before = roundCost(tables, "deepseek-v4-flash", tokens, new Date("2026-08-16T15:59:59Z"));
    // 800 × 0.0028 + 200 × 0.14 + 500 × 0.28 = 2.24 + 28 + 140 = 170.24 per million.
    expect(before?.usd).toBeCloseTo(0.00017024, 12);
    expect(before?.as_of).toBe("2026-04-26");
    // deepseek-flash did not exist then: no price, not a made-up one.
    expect(roundCost(tables, "deepseek-flash", tokens, new Date("2026-08-01T00:00:00Z"))).toBeUndefined();
    // The retired name costs what deepseek-flash costs now.
    expect(roundCost(tables, "deepseek-v4-flash", tokens, saturday)).toEqual(
      roundCost(tables, "deepseek-flash", tokens, saturday),
    );
  });

  it("has no price for a model it does not know, nor for a property of Object", () => {
    expect(roundCost(tables, "llama-3-70b", tokens, saturday)).toBeUndefined();
    expect(roundCost(tables, "constructor", tokens, saturday)).toBeUndefined();
  });

  it("counts every prompt token as a miss when the server reports no hits", () => {
    const quoted = quote(tables, "deepseek-flash", saturday);
    if (!quoted) throw new Error("deepseek-flash has a price");
    // 1,000 × 0.15 + 500 × 0.6 = 450 per million.
    expect(costOf({ prompt: 1_000, completion: 500 }, quoted).usd).toBeCloseTo(0.00045, 12);
  });

  it("adds rounds, keeping the newer table's date", () => {
    const a = { usd: 0.001, cny: 0.007, as_of: "2026-04-26" };
    const b = { usd: 0.002, cny: 0.014, as_of: "2026-11-15" };
    expect(addCost(a, b)).toEqual({ usd: 0.003, cny: 0.021, as_of: "2026-11-15" });
    expect(addCost(b, a).as_of).toBe("2026-11-15");
    expect(addCost(undefined, a)).toEqual(a);
  });

  it("gives the cache-hit share only when hits were reported", () => {
    expect(cacheHitShare(tokens)).toBe(0.8);
    expect(cacheHitShare({ prompt: 1_000, completion: 5 })).toBeUndefined();
    expect(cacheHitShare({ prompt: 0, cached: 0, completion: 5 })).toBeUndefined();
  });
});

describe("DEEPSEEK_PRICES", () => {
  const override = JSON.stringify({
    as_of: "2026-12-01",
    source: "our contract",
    models: {
      "deepseek-flash": { usd: { hit: 0, miss: 0.1, output: 0.2 }, cny: { hit: 0, miss: 0.7, output: 1.4 } },
      "qwen-local": { usd: { hit: 0, miss: 0, output: 0 }, cny: { hit: 0, miss: 0, output: 0 } },
    },
  });

  it("wins for the models it names, at every date and hour; others keep the built-in price", () => {
    const custom = loadPrices(override);
    const flash = roundCost(custom, "deepseek-flash", tokens, wednesdayPeak);
    // 200 × 0.1 + 500 × 0.2 = 120 per million, with no peak rate given.
    expect(flash).toEqual({
      usd: expect.closeTo(0.00012, 12),
      cny: expect.closeTo(0.00084, 12),
      as_of: "2026-12-01",
    });
    expect(roundCost(custom, "qwen-local", tokens, saturday)).toEqual({
      usd: 0,
      cny: 0,
      as_of: "2026-12-01",
    });
    expect(roundCost(custom, "deepseek-v4-pro", tokens, saturday)?.as_of).toBe("2026-11-15");
  });

  it("takes peak rates and hours when given", () => {
    const rates = { usd: { hit: 1, miss: 1, output: 1 }, cny: { hit: 7, miss: 7, output: 7 } };
    const custom = loadPrices(
      JSON.stringify({
        as_of: "2026-12-01",
        peak_hours: { utc_offset_minutes: 0, weekdays: [3], hours: [[3, 4]] },
        models: { m: { ...rates, peak: { usd: { hit: 2, miss: 2, output: 2 }, cny: rates.cny } } },
      }),
    );
    expect(roundCost(custom, "m", tokens, wednesdayPeak)?.usd).toBeCloseTo(0.003, 12);
    expect(roundCost(custom, "m", tokens, saturday)?.usd).toBeCloseTo(0.0015, 12);
  });

  it("refuses a bad override, naming what is wrong", () => {
    expect(() => loadPrices("{")).toThrow(new PricesError("DEEPSEEK_PRICES is not JSON"));
    expect(() =>
      loadPrices('{"as_of":"2026-12-01","models":{"m":{"usd":{"hit":-1,"miss":0,"output":0}}}}'),
    ).toThrow(/DEEPSEEK_PRICES: models\.m\.usd\.hit: /);
    expect(() => loadPrices('{"as_of":"December","models":{}}')).toThrow(/DEEPSEEK_PRICES: as_of: /);
  });
});
