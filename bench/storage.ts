import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Agent } from "undici";
import { type AppServer, startApp } from "../lib/testing/app-server";
import { postgresUnavailable, startPostgresServer } from "../lib/testing/postgres-server";
import { findListeningPid } from "../scripts/load/process-probe";
import { launchChromium } from "./client-render";
import { type Endpoint, processEndpoint } from "./endpoint";
import { type HistoryPageFigures, measureOpen, measureTyping, openFigures } from "./history-pages";
import type { Plan } from "./plan";
import { PACED_DELAY_MS } from "./plan";
import { runSavingCost, type SavingFigures, savingBody } from "./saving-cost";
import { fillSearchInChild, readSearches, type SearchFigures } from "./search-scale";
import {
  databaseBytes,
  directoryBytes,
  readFirstPages,
  type SidebarFigures,
  sidebarFigures,
} from "./sidebar-scale";
import { streamOnce } from "./sse-client";
import { fillInChild, longConversationKiB } from "./storage-fill";
import { countWrites, StatementCounter, type WriteCount } from "./store-writes";

// The storage part: saving on and off, then the sidebar at 10,000 conversations and search over
// 200,000 messages (bench/search-scale.ts), on PGlite (the
// default, inside the app's process) and on a PostgreSQL server of its own (Debian's package, with
// pg_stat_statements to count the writes of an answer). One app at a time, so none competes with
// another for the two cores.

export interface StorageResults {
  saving: SavingFigures[];
  pages?: HistoryPageFigures | undefined;
  writes?: WriteCount | undefined;
  sidebar: SidebarFigures[];
  search: SearchFigures[];
  skipped: string[];
  errorSamples: string[];
}

/** The owner of a personal install (no ACCESS_CODE): every request of the bench is this owner's. */
const OWNER = "local";

type Track = (close: () => Promise<void>) => void;

export async function runStorage(
  env: Record<string, string>,
  plan: Plan,
  log: (line: string) => void,
  track: Track,
): Promise<StorageResults> {
  const results: StorageResults = { saving: [], sidebar: [], search: [], skipped: [], errorSamples: [] };
  // One client asks for all the answers at once: no per-minute limit, and room for every detached run.
  const appEnv = { ...env, RATE_LIMIT_PER_MIN: "0", RESUME_MAX_RUNS_PER_CLIENT: "1000" };
  const started = async (extra: Record<string, string>): Promise<AppServer> => {
    const app = await startApp({ ...appEnv, ...extra });
    track(() => app.close());
    return app;
  };
  const appEndpoint = (app: AppServer, path: string) =>
    processEndpoint("next", `${app.url}${path}`, findListeningPid(Number(new URL(app.url).port)));

  for (const dataDir of [mkdtempSync(join(tmpdir(), "bench-saving-"))]) {
    log("storage: the app on PGlite, saving on and off");
    const app = await started({ DATA_DIR: dataDir });
    try {
      const run = await runSavingCost(
        appEndpoint(app, "/api/chat"),
        "pglite",
        "app (PGlite is in it)",
        plan,
        log,
      );
      results.saving.push(run.figures);
      results.errorSamples.push(...run.errorSamples);
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const sidebarDir = mkdtempSync(join(tmpdir(), "bench-sidebar-"));
  try {
    results.sidebar.push(
      await sidebarRun("pglite", { kind: "pglite", dataDir: sidebarDir }, { DATA_DIR: sidebarDir }),
    );
  } finally {
    rmSync(sidebarDir, { recursive: true, force: true });
  }
  const searchDir = mkdtempSync(join(tmpdir(), "bench-search-"));
  try {
    results.search.push(
      await searchRun("pglite", { kind: "pglite", dataDir: searchDir }, { DATA_DIR: searchDir }),
    );
  } finally {
    rmSync(searchDir, { recursive: true, force: true });
  }

  const pagesDir = mkdtempSync(join(tmpdir(), "bench-pages-"));
  try {
    results.pages = await pagesRun(pagesDir);
  } catch (error) {
    if (!(error instanceof NoChromium)) throw error;
    results.skipped.push(`storage in Chromium: ${error.message}; run \`npm run browsers\``);
  } finally {
    rmSync(pagesDir, { recursive: true, force: true });
  }

  const unavailable = postgresUnavailable();
  if (unavailable) {
    results.skipped.push(`storage on PostgreSQL: ${unavailable}`);
    return results;
  }
  log("storage: starting PostgreSQL (with pg_stat_statements)");
  const server = await startPostgresServer(30_000, { shared_preload_libraries: "pg_stat_statements" });
  track(() => server.close());
  try {
    const url = await server.createDatabase();
    const postgresPid = findListeningPid(Number(new URL(url).port));
    log("storage: the app on PostgreSQL, saving on and off");
    const app = await started({ DATABASE_URL: url });
    try {
      const appCpu = appEndpoint(app, "/api/chat");
      const database = processEndpoint("next", url, postgresPid);
      const both: Endpoint = {
        ...appCpu,
        cpuMicros: async () => (await appCpu.cpuMicros()) + (await database.cpuMicros()),
      };
      const run = await runSavingCost(both, "postgres", "app + PostgreSQL", plan, log);
      results.saving.push(run.figures);
      results.errorSamples.push(...run.errorSamples);
      results.writes = await countAnswerWrites(app, url, plan, log);
    } finally {
      await app.close();
    }
    const sidebarUrl = await server.createDatabase();
    results.sidebar.push(
      await sidebarRun("postgres", { kind: "postgres", url: sidebarUrl }, { DATABASE_URL: sidebarUrl }),
    );
    const searchUrl = await server.createDatabase();
    results.search.push(
      await searchRun("postgres", { kind: "postgres", url: searchUrl }, { DATABASE_URL: searchUrl }),
    );
  } finally {
    await server.close();
  }
  return results;

  async function pagesRun(dataDir: string): Promise<HistoryPageFigures> {
    const { turns, openRuns, typingKeys, answerChunks } = plan.storage.pages;
    const browser = await launchChromium().catch((error: Error) => {
      throw new NoChromium(error.message.split("\n")[0] ?? "");
    });
    track(() => browser.close());
    try {
      log(`storage: a ${turns}-turn conversation, opened in Chromium`);
      fillInChild({ kind: "pglite", dataDir }, OWNER, 0, turns);
      const app = await started({ DATA_DIR: dataDir });
      try {
        const runs: number[] = [];
        for (let i = 0; i < openRuns; i++) runs.push(await measureOpen(browser, app.url));
        log(`  click → last message painted: ${runs.join(", ")} ms`);
        log(`storage: typing ${typingKeys} keys while an answer streams into it`);
        const typing = await measureTyping(browser, app.url, typingKeys, answerChunks);
        log(`  longest task ${typing.longestTaskMs} ms, ${typing.tasksOver50Ms} over 50 ms`);
        return { turns, markdownKiB: longConversationKiB(turns), ...openFigures(runs), typing };
      } finally {
        await app.close();
      }
    } finally {
      await browser.close();
    }
  }

  async function sidebarRun(
    database: SidebarFigures["database"],
    config: Parameters<typeof fillInChild>[0],
    extra: Record<string, string>,
  ): Promise<SidebarFigures> {
    const { conversations, reads } = plan.storage.sidebar;
    log(`storage: filling ${conversations.toLocaleString("en")} conversations into ${database}`);
    const filled = fillInChild(config, OWNER, conversations);
    log(`  ${filled.conversations} in ${filled.seconds} s; starting the app on them`);
    const app = await started(extra);
    try {
      const endpoint = appEndpoint(app, "/api/conversations");
      const read = await readFirstPages(endpoint, reads);
      const size =
        config.kind === "pglite" ? directoryBytes(config.dataDir) : await databaseBytes(config.url);
      const figures = sidebarFigures(database, filled, read, await endpoint.rssBytes(), size);
      log(`  first page p50 ${figures.firstPageMs.p50} ms, p95 ${figures.firstPageMs.p95} ms`);
      return figures;
    } finally {
      await app.close();
    }
  }

  async function searchRun(
    database: SearchFigures["database"],
    config: Parameters<typeof fillSearchInChild>[0],
    extra: Record<string, string>,
  ): Promise<SearchFigures> {
    const { conversations, reads } = plan.storage.search;
    log(`storage: filling ${(conversations * 20).toLocaleString("en")} messages to search into ${database}`);
    const filled = fillSearchInChild(config, OWNER, conversations);
    log(`  ${filled.messages} in ${filled.seconds} s; starting the app on them`);
    const app = await started(extra);
    try {
      const figures = await readSearches(app.url, database, filled, reads);
      for (const probe of figures.probes) {
        log(
          `  "${probe.query}" (${probe.percentOfMessages} % of messages): p50 ${probe.ms.p50} ms, p95 ${probe.ms.p95} ms`,
        );
      }
      return figures;
    } finally {
      await app.close();
    }
  }
}

class NoChromium extends Error {}

/** Stored answers of a known length, counted by pg_stat_statements from a reset. */
async function countAnswerWrites(
  app: AppServer,
  url: string,
  plan: Plan,
  log: (line: string) => void,
): Promise<WriteCount> {
  const { answers, answerChunks } = plan.storage.saving;
  log(`storage: counting the writes of ${answers} stored answers`);
  const counter = new StatementCounter(url);
  await counter.reset();
  const dispatcher = new Agent();
  const results = await Promise.all(
    Array.from({ length: answers }, (_, i) =>
      streamOnce({
        url: `${app.url}/api/chat`,
        wire: "chat-events",
        body: savingBody(
          "on",
          `Count #writes-${i}# [[scenario:{"name":"long","chunks":${answerChunks},"delayMs":${PACED_DELAY_MS}}]]`,
          plan.model,
        ),
        dispatcher,
        timeoutMs: 60_000,
      }),
    ),
  );
  await dispatcher.close();
  const failed = results.filter((r) => r.failure);
  if (failed.length > 0) throw new Error(`counting writes: ${failed[0]?.failure}`);
  const seconds = Math.max(...results.map((r) => r.totalMs)) / 1000;
  return countWrites(await counter.read(), answers, Math.round(seconds * 10) / 10);
}
