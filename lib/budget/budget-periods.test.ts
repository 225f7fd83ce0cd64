import { describe, expect, it } from "vitest";
import { budgetPeriods } from "./budget-periods";

const iso = (date: Date) => date.toISOString();

describe("budgetPeriods", () => {
  it("starts days and months at UTC midnight by default", () => {
    const periods = budgetPeriods(new Date("2026-11-29T02:07:00Z"), "UTC");
    expect(iso(periods.dayStart)).toBe("2026-11-29T00:00:00.000Z");
    expect(iso(periods.dayEnd)).toBe("2026-11-30T00:00:00.000Z");
    expect(iso(periods.monthStart)).toBe("2026-11-01T00:00:00.000Z");
    expect(iso(periods.monthEnd)).toBe("2026-12-01T00:00:00.000Z");
  });

  it("counts in the operator's zone: Shanghai's day began at 16:00 UTC the evening before", () => {
    const periods = budgetPeriods(new Date("2026-11-30T17:30:00Z"), "Asia/Shanghai");
    // 01:30 on 1 December in Shanghai: a new day and a new month there, not yet in UTC.
    expect(iso(periods.dayStart)).toBe("2026-11-30T16:00:00.000Z");
    expect(iso(periods.dayEnd)).toBe("2026-12-01T16:00:00.000Z");
    expect(iso(periods.monthStart)).toBe("2026-11-30T16:00:00.000Z");
    expect(iso(periods.monthEnd)).toBe("2026-12-31T16:00:00.000Z");
  });

  it("rolls the year over at December's end", () => {
    const periods = budgetPeriods(new Date("2026-12-31T23:59:59Z"), "UTC");
    expect(iso(periods.dayEnd)).toBe("2027-01-01T00:00:00.000Z");
    expect(iso(periods.monthEnd)).toBe("2027-01-01T00:00:00.000Z");
  });

  it("keeps a day's true length across a change of clocks (New York, 1 November 2026: 25 hours)", () => {
    const periods = budgetPeriods(new Date("2026-11-01T12:00:00Z"), "America/New_York");
    expect(iso(periods.dayStart)).toBe("2026-11-01T04:00:00.000Z");
    expect(iso(periods.dayEnd)).toBe("2026-11-02T05:00:00.000Z");
    expect(iso(periods.monthStart)).toBe("2026-11-01T04:00:00.000Z");
  });

  it("starts a day with no midnight when its clocks land (Santiago, 6 September 2026, 00:00 → 01:00)", () => {
    const periods = budgetPeriods(new Date("2026-09-06T12:00:00Z"), "America/Santiago");
    // 01:00 local at UTC−3 is 04:00 UTC; the day before began at 00:00 local, UTC−4.
    expect(iso(periods.dayStart)).toBe("2026-09-06T04:00:00.000Z");
    expect(iso(budgetPeriods(new Date("2026-09-05T12:00:00Z"), "America/Santiago").dayStart)).toBe(
      "2026-09-05T04:00:00.000Z",
    );
  });
});
