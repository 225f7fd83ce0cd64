import type { UsageReport } from "@/lib/admin/usage-figures";

// The chart's data from the report: one bar per day of the period (empty days too), stacked by
// person, the busiest TOP_PEOPLE each in their own colour and everyone else together, so the chart
// stays legible on a server with hundreds of accounts. Pure: the browser draws what this returns.

export type ChartMetric = "tokens" | "usd" | "cny";

export const TOP_PEOPLE = 5;
export const OTHERS_KEY = "others";

export interface ChartSeries {
  key: string;
  label: string;
}

export interface ChartData {
  series: ChartSeries[];
  /** One row per day: `day` and each series' value that day. */
  rows: Array<{ day: string } & Record<string, number | string>>;
}

function metricValue(
  metric: ChartMetric,
  figures: { totalTokens: number; costUsd: number | null; costCny: number | null },
) {
  if (metric === "tokens") return figures.totalTokens;
  return (metric === "usd" ? figures.costUsd : figures.costCny) ?? 0;
}

function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; ) {
    days.push(day);
    const next = new Date(`${day}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    day = next.toISOString().slice(0, 10);
  }
  return days;
}

export function chartData(report: UsageReport, metric: ChartMetric, othersLabel: string): ChartData {
  const ranked = [...report.people].sort((a, b) => metricValue(metric, b) - metricValue(metric, a));
  const top = ranked.slice(0, TOP_PEOPLE);
  const keyOf = new Map(top.map((person, index) => [person.id, `p${index}`]));
  const series: ChartSeries[] = top.map((person, index) => ({
    key: `p${index}`,
    label: person.name || person.email,
  }));
  if (ranked.length > TOP_PEOPLE) series.push({ key: OTHERS_KEY, label: othersLabel });
  const rows = daysOf(report.from, report.to).map((day) => {
    const row: { day: string } & Record<string, number | string> = { day };
    for (const { key } of series) row[key] = 0;
    return row;
  });
  const byDay = new Map(rows.map((row) => [row.day, row]));
  for (const entry of report.daily) {
    const row = byDay.get(entry.day);
    if (!row) continue;
    const key = keyOf.get(entry.userId) ?? OTHERS_KEY;
    row[key] = Number(row[key] ?? 0) + metricValue(metric, entry);
  }
  return { series, rows };
}
