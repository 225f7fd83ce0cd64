// The admin's usage report on a big ledger (PROTOCOL.md section 18): its plan and time for 7, 30
// and 90 days over 1,000,000 answers of 200 accounts spread over a year, on a PostgreSQL server of
// its own. Run: flock /tmp/bench.lock npx tsx --conditions=react-server bench/admin-report-plan.ts
import { sql } from "drizzle-orm";
import { z } from "zod";
import { usageReport, usageReportQuery } from "@/lib/admin/usage-report";
import { openStore } from "@/lib/store/open-store";
import { startPostgresServer } from "@/lib/testing/postgres-server";

const server = await startPostgresServer();
const store = await openStore({ kind: "postgres", url: await server.createDatabase() });
// 200 accounts, 1,000,000 answers spread over 365 days before 2026-03-10.
await store.db.execute(sql`INSERT INTO "user" (id, name, email, status)
  SELECT 'u' || i, 'User ' || i, 'u' || i || '@example.com', 'active' FROM generate_series(1, 200) i`);
await store.db.transaction(async (tx) => {
  await tx.execute(sql`SET LOCAL statement_timeout = 0`);
  await tx.execute(sql`INSERT INTO usage (conversation_id, message_id, owner_id, model, prompt_tokens,
  cache_hit_tokens, cache_miss_tokens, completion_tokens, total_tokens, total_ms, created_at, cost_usd, cost_cny)
  SELECT 'c' || i, 'm', 'u' || (1 + i % 200), 'deepseek-chat', 1000, 600, 400, 200, 1200, 10,
    timestamptz '2026-03-10T12:00:00Z' - (i % 365) * interval '1 day' - (i % 86400) * interval '1 second',
    0.0003, 0.002
  FROM generate_series(1, 1000000) i`);
});
await store.db.execute(sql`ANALYZE usage`);
for (const days of [7, 30, 90]) {
  const to = "2026-03-10";
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  const plan = await store.db.execute(
    sql`EXPLAIN (ANALYZE, BUFFERS) ${usageReportQuery({ from, to, timeZone: "UTC" })}`,
  );
  const lines = z
    .object({ rows: z.array(z.object({ "QUERY PLAN": z.string() })) })
    .parse(plan)
    .rows.map((row) => row["QUERY PLAN"]);
  console.log(`--- ${days} days`);
  console.log(lines.filter((line) => /Scan|Execution Time|Planning Time/.test(line ?? "")).join("\n"));
  const started = performance.now();
  const report = await usageReport(store.db, {
    days,
    timeZone: "UTC",
    now: new Date("2026-03-10T12:00:00Z"),
  });
  console.log(
    `usageReport: ${(performance.now() - started).toFixed(0)} ms, ${report.daily.length} daily rows, ${report.total.answers} answers`,
  );
}
await store.close();
await server.close();
