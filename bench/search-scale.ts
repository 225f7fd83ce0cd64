import { execFileSync } from "node:child_process";
import { Agent, request } from "undici";
import type { StoreConfig } from "../lib/store/store-config";
import { percentile } from "../scripts/load/figures";
import { PROBES, type ProbeName, searchCorpus } from "./search-corpus";
import { round, type Summary, summarize } from "./stats";

// Search at scale (issue 17): one owner's 10,000 conversations / 200,000 messages, imported (and
// indexed) through the repository in a child process, then GET /api/search through the built app,
// one query after another, for a rare term, a two-character Chinese word and an English word.

export interface SearchFigures {
  database: "pglite" | "postgres";
  messages: number;
  fillSeconds: number;
  probes: ProbeFigures[];
}

export interface ProbeFigures {
  name: ProbeName;
  query: string;
  /** The share of messages holding it, in %. */
  percentOfMessages: number;
  hits: number;
  reads: number;
  errors: number;
  ms: Summary & { p95: number };
}

interface FillResult {
  messages: number;
  planted: Record<ProbeName, number>;
  seconds: number;
}

/** Fills `config` in a child process and waits for it to close the store. */
export function fillSearchInChild(config: StoreConfig, owner: string, conversations: number): FillResult {
  const out = execFileSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "--conditions=react-server",
      import.meta.filename,
      JSON.stringify({ config, owner, conversations }),
    ],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], timeout: 1_800_000 },
  );
  return JSON.parse(out.trim().split("\n").at(-1) ?? "{}");
}

/**
 * Through the repository's import, which indexes as it goes; the GIN index is built once at the
 * end, as migration 0004 does over an existing history (growing it row by row takes minutes here).
 */
async function fill(config: StoreConfig, owner: string, conversations: number): Promise<FillResult> {
  const { openDatabase } = await import("../lib/store/open-store");
  const { IndexedConversationRepository } = await import("../lib/store/indexed-conversation-repository");
  const { sql } = await import("drizzle-orm");
  const corpus = searchCorpus(conversations);
  const { db, statements, close } = await openDatabase(config);
  const repo = new IndexedConversationRepository(db, statements);
  const started = performance.now();
  try {
    await db.execute(sql`DROP INDEX "message_search_terms"`);
    for (let i = 0; i < corpus.conversations.length; i += 200) {
      await repo.importConversations(owner, corpus.conversations.slice(i, i + 200));
    }
    await db.execute(sql`CREATE INDEX "message_search_terms" ON "message_search" USING gin ("terms")`);
    await db.execute(sql`ANALYZE`);
    return {
      messages: corpus.messages,
      planted: corpus.planted,
      seconds: Math.round(performance.now() - started) / 1000,
    };
  } finally {
    await close();
  }
}

/** Each probe `reads` times in turn, after one read each that opens the store and warms the route. */
export async function readSearches(
  appUrl: string,
  database: SearchFigures["database"],
  filled: FillResult,
  reads: number,
): Promise<SearchFigures> {
  const dispatcher = new Agent({ keepAliveTimeout: 30_000 });
  const probes: ProbeFigures[] = [];
  try {
    for (const name of Object.keys(PROBES) as ProbeName[]) {
      const { query } = PROBES[name];
      const url = `${appUrl}/api/search?q=${encodeURIComponent(query)}&limit=20`;
      const times: number[] = [];
      let errors = 0;
      let hits = 0;
      for (let i = -1; i < reads; i++) {
        const started = performance.now();
        const response = await request(url, { dispatcher, headers: { accept: "application/json" } });
        const body = (await response.body.json()) as { results?: unknown[] };
        const ms = performance.now() - started;
        const ok = response.statusCode === 200 && (body.results?.length ?? 0) > 0;
        if (i < 0 && !ok)
          throw new Error(`GET ${url}: HTTP ${response.statusCode} ${JSON.stringify(body).slice(0, 200)}`);
        hits = body.results?.length ?? 0;
        if (i < 0) continue;
        if (ok) times.push(ms);
        else errors++;
      }
      probes.push({
        name,
        query,
        percentOfMessages: round((100 * filled.planted[name]) / filled.messages, 2),
        hits,
        reads,
        errors,
        ms: { ...summarize(times), p95: round(percentile(times, 95), 2) },
      });
    }
  } finally {
    await dispatcher.close();
  }
  return { database, messages: filled.messages, fillSeconds: filled.seconds, probes };
}

if (process.argv[1] === import.meta.filename) {
  const { config, owner, conversations } = JSON.parse(process.argv[2] ?? "{}");
  console.log(JSON.stringify(await fill(config, owner, conversations)));
}
