import { execFileSync } from "node:child_process";
import pg from "pg";
import { Agent, request } from "undici";
import { percentile } from "../scripts/load/figures";
import type { Endpoint } from "./endpoint";
import { round, type Summary, summarize } from "./stats";
import type { FillResult } from "./storage-fill";

// The sidebar at scale: the first page of GET /api/conversations through the built app over HTTP,
// read one after another, with the owner's conversations already in the database; then what the
// data takes and the server's memory at that size.

export interface SidebarFigures {
  database: "pglite" | "postgres";
  conversations: number;
  fillSeconds: number;
  reads: number;
  errors: number;
  firstPageMs: Summary & { p95: number };
  /** The PGlite directory (du) or the PostgreSQL database (pg_database_size). */
  dataMiB: number;
  /** The app's RSS once it served the first page, and after all the reads. */
  rssMiB: { firstPage: number; afterReads: number };
}

export const PAGE = 50;

export async function readFirstPages(
  endpoint: Endpoint,
  reads: number,
): Promise<{ times: number[]; errors: number; firstPageRss: number }> {
  const dispatcher = new Agent({ keepAliveTimeout: 30_000 });
  const url = `${endpoint.url}?limit=${PAGE}`;
  const times: number[] = [];
  let errors = 0;
  let firstPageRss = 0;
  // The first read opens the store and warms the route: not a sidebar the user waits on twice.
  for (let i = -1; i < reads; i++) {
    const started = performance.now();
    const response = await request(url, { dispatcher, headers: { accept: "application/json" } });
    const body = (await response.body.json()) as { conversations?: unknown[] };
    const ms = performance.now() - started;
    const ok = response.statusCode === 200 && body.conversations?.length === PAGE;
    if (i < 0) {
      if (!ok)
        throw new Error(`GET ${url}: HTTP ${response.statusCode} ${JSON.stringify(body).slice(0, 200)}`);
      firstPageRss = await endpoint.rssBytes();
      continue;
    }
    if (ok) times.push(ms);
    else errors++;
  }
  await dispatcher.close();
  return { times, errors, firstPageRss };
}

export function sidebarFigures(
  database: SidebarFigures["database"],
  filled: FillResult,
  read: { times: number[]; errors: number; firstPageRss: number },
  afterReadsRss: number,
  dataBytes: number,
): SidebarFigures {
  const mib = (bytes: number) => round(bytes / 2 ** 20, 1);
  return {
    database,
    conversations: filled.conversations,
    fillSeconds: filled.seconds,
    reads: read.times.length + read.errors,
    errors: read.errors,
    firstPageMs: { ...summarize(read.times), p95: round(percentile(read.times, 95), 2) },
    dataMiB: mib(dataBytes),
    rssMiB: { firstPage: mib(read.firstPageRss), afterReads: mib(afterReadsRss) },
  };
}

export function directoryBytes(dir: string): number {
  return Number(execFileSync("du", ["-sb", dir], { encoding: "utf8" }).split("\t")[0]);
}

export async function databaseBytes(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ size: string }>(
      "SELECT pg_database_size(current_database()) AS size",
    );
    return Number(result.rows[0]?.size);
  } finally {
    await client.end();
  }
}
