import { describe, expect, it } from "vitest";
import type { UsageFigures, UsageReport } from "@/lib/admin/usage-figures";
import { chartData, OTHERS_KEY } from "./chart-series";

const none: UsageFigures = {
  answers: 1,
  promptTokens: 0,
  completionTokens: 0,
  totalTokens: 0,
  cacheHitTokens: 0,
  cacheMissTokens: 0,
  cacheHitShare: null,
  costUsd: null,
  costCny: null,
  unpricedAnswers: 1,
};
const figures = (totalTokens: number, costUsd: number | null = null) => ({ ...none, totalTokens, costUsd });

function report(tokensByPerson: number[]): UsageReport {
  const people = tokensByPerson.map((tokens, i) => ({
    id: `u${i}`,
    name: `P${i}`,
    email: `p${i}@x`,
    ...figures(tokens),
  }));
  return {
    from: "2026-02-27",
    to: "2026-03-02",
    days: 4,
    timeZone: "UTC",
    daily: people.map((person, i) => ({
      userId: person.id,
      day: i % 2 ? "2026-03-02" : "2026-02-28",
      ...figures(person.totalTokens, i),
    })),
    people,
    total: none,
  };
}

describe("the usage chart's data", () => {
  it("has a bar for every day of the period, across a month's end, empty days at zero", () => {
    const { rows, series } = chartData(report([10]), "tokens", "Others");
    expect(rows.map((row) => row.day)).toEqual(["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"]);
    expect(series).toEqual([{ key: "p0", label: "P0" }]);
    expect(rows.map((row) => row.p0)).toEqual([0, 10, 0, 0]);
  });

  it("stacks the five busiest by the metric shown, and the rest together as Others", () => {
    const { rows, series } = chartData(report([1, 7, 3, 6, 5, 4, 2]), "tokens", "Others");
    expect(series.map((entry) => entry.label)).toEqual(["P1", "P3", "P4", "P5", "P2", "Others"]);
    // P0 (1 token, 02-28) and P6 (2 tokens, 02-28) are the others.
    expect(rows.find((row) => row.day === "2026-02-28")?.[OTHERS_KEY]).toBe(3);
    expect(rows.find((row) => row.day === "2026-03-02")?.p0).toBe(7);
  });

  it("ranks by the money shown, and draws money with no known price as zero", () => {
    const priced = report([9, 5]);
    // P1 has fewer tokens than P0 but the only known price: by dollars P1 leads.
    priced.people = priced.people.map((person) => ({ ...person, costUsd: person.id === "u1" ? 0.5 : null }));
    priced.daily = priced.daily.map((row) => ({ ...row, costUsd: row.userId === "u1" ? 0.5 : null }));
    const { rows, series } = chartData(priced, "usd", "Others");
    expect(series.map((entry) => entry.label)).toEqual(["P1", "P0"]);
    expect(rows.find((row) => row.day === "2026-03-02")?.p0).toBe(0.5);
    expect(rows.find((row) => row.day === "2026-02-28")?.p1).toBe(0);
  });
});
