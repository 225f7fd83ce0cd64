import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { StoreDatabase } from "@/lib/store/rows";
import type { ReportPerson, UsageFigures, UsageReport } from "./usage-figures";

// The admin's usage report (PROTOCOL.md section 18), summed in SQL over the usage ledger in one
// pass: per account per day, per account, and overall (GROUPING SETS). The period is whole days in
// `timeZone`, at most MAX_REPORT_DAYS of them (the route bounds it), and its rows are found by the
// usage_created index. Only accounts' rows count: in accounts mode every owner is one.

const Row = z.object({
  level: z.number(),
  owner_id: z.string().nullable(),
  day: z.string().nullable(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  answers: z.number(),
  prompt_tokens: z.number(),
  completion_tokens: z.number(),
  total_tokens: z.number(),
  cache_hit_tokens: z.number(),
  cache_miss_tokens: z.number(),
  cache_hit_share: z.number().nullable(),
  cost_usd: z.number().nullable(),
  cost_cny: z.number().nullable(),
  unpriced_answers: z.number(),
});
type Row = z.infer<typeof Row>;

export interface ReportPeriod {
  days: number;
  timeZone: string;
  now: Date;
}

/** The calendar day (YYYY-MM-DD) `at` falls on in `timeZone`. */
export function dayIn(timeZone: string, at: Date): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(at);
}

/** `day` moved by `delta` days. */
export function addDays(day: string, delta: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + delta);
  return date.toISOString().slice(0, 10);
}

/** The report's one statement over `from`..`to` (days, both included) in `timeZone`. */
export function usageReportQuery({
  from,
  to,
  timeZone,
}: {
  from: string;
  to: string;
  timeZone: string;
}): SQL {
  const end = addDays(to, 1);
  return sql`
    SELECT GROUPING(r.owner_id, r.day)::int AS level, r.owner_id, r.day,
      min(r.name) AS name, min(r.email) AS email,
      count(*)::int AS answers,
      coalesce(sum(r.prompt_tokens), 0)::float8 AS prompt_tokens,
      coalesce(sum(r.completion_tokens), 0)::float8 AS completion_tokens,
      coalesce(sum(r.total_tokens), 0)::float8 AS total_tokens,
      coalesce(sum(r.cache_hit_tokens), 0)::float8 AS cache_hit_tokens,
      coalesce(sum(r.cache_miss_tokens), 0)::float8 AS cache_miss_tokens,
      (sum(r.cache_hit_tokens) FILTER (WHERE r.cache_miss_tokens IS NOT NULL))::float8
        / nullif(sum(r.cache_hit_tokens + r.cache_miss_tokens), 0) AS cache_hit_share,
      sum(r.cost_usd)::float8 AS cost_usd,
      sum(r.cost_cny)::float8 AS cost_cny,
      (count(*) FILTER (WHERE r.cost_usd IS NULL))::int AS unpriced_answers
    FROM (
      SELECT u.*, p.name, p.email,
        to_char((u.created_at AT TIME ZONE ${timeZone})::date, 'YYYY-MM-DD') AS day
      FROM usage u JOIN "user" p ON p.id = u.owner_id
      WHERE u.created_at >= (${from}::date::timestamp AT TIME ZONE ${timeZone})
        AND u.created_at < (${end}::date::timestamp AT TIME ZONE ${timeZone})
    ) r
    GROUP BY GROUPING SETS ((r.owner_id, r.day), (r.owner_id), ())
    ORDER BY level, r.owner_id, r.day`;
}

export async function usageReport(
  db: StoreDatabase,
  { days, timeZone, now }: ReportPeriod,
): Promise<UsageReport> {
  const to = dayIn(timeZone, now);
  const from = addDays(to, -(days - 1));
  const result = await db.execute(usageReportQuery({ from, to, timeZone }));
  const { rows } = z.object({ rows: z.array(Row) }).parse(result);
  return {
    from,
    to,
    days,
    timeZone,
    daily: rows.flatMap((row) =>
      row.level === 0 && row.owner_id !== null && row.day !== null
        ? [{ userId: row.owner_id, day: row.day, ...figures(row) }]
        : [],
    ),
    people: rows
      .flatMap((row) =>
        row.level === 1 && row.owner_id !== null ? [{ ...personOf(row.owner_id, row), ...figures(row) }] : [],
      )
      .sort((a, b) => b.totalTokens - a.totalTokens || a.email.localeCompare(b.email)),
    total: figures(rows.find((row) => row.level === 3) ?? EMPTY),
  };
}

function personOf(id: string, row: Row): ReportPerson {
  return { id, name: row.name ?? "", email: row.email ?? "" };
}

function figures(row: Row): UsageFigures {
  return {
    answers: row.answers,
    promptTokens: row.prompt_tokens,
    completionTokens: row.completion_tokens,
    totalTokens: row.total_tokens,
    cacheHitTokens: row.cache_hit_tokens,
    cacheMissTokens: row.cache_miss_tokens,
    cacheHitShare: row.cache_hit_share,
    costUsd: row.cost_usd,
    costCny: row.cost_cny,
    unpricedAnswers: row.unpriced_answers,
  };
}

/** The overall row of a period with no usage: SQL's grand total over no rows still comes back. */
const EMPTY: Row = {
  level: 3,
  owner_id: null,
  day: null,
  name: null,
  email: null,
  answers: 0,
  prompt_tokens: 0,
  completion_tokens: 0,
  total_tokens: 0,
  cache_hit_tokens: 0,
  cache_miss_tokens: 0,
  cache_hit_share: null,
  cost_usd: null,
  cost_cny: null,
  unpriced_answers: 0,
};
