// The sidebar at scale, on both databases: 10,000 conversations for one owner (a question and an
// answer each), then the first page read a few hundred times, what the data takes on disk, and the
// memory of a process that has the store open. Filling and reading run in processes of their own,
// so the reader's memory is a server's after a restart, not the filler's (PGlite's first start
// creates the cluster, which leaves hundreds of MiB behind).
// Not yet part of `npm run bench`: issue 16 wires the store into the app first.
// Run: npx tsx --conditions=react-server scripts/store-figures.ts

import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { ImportedConversation } from "@/lib/store/conversation-repository";
import { openStore, type StoreConfig } from "@/lib/store/open-store";
import { postgresUnavailable, startPostgresServer } from "@/lib/testing/postgres-server";

const CONVERSATIONS = 10_000;
const READS = 300;
const PAGE = 50;
const OWNER = "figures-owner";

function conversations(): ImportedConversation[] {
  const start = Date.UTC(2026, 0, 1);
  return Array.from({ length: CONVERSATIONS }, (_, i) => {
    const at = start + i * 60_000;
    const question = `Question ${i}`;
    const answer = `Answer ${i}: ${"lorem ipsum dolor sit amet ".repeat(20)}`;
    return {
      id: `conv-${String(i).padStart(5, "0")}`,
      title: `Conversation ${i}`,
      createdAt: at,
      updatedAt: at + 30_000,
      messages: [
        {
          id: "q",
          role: "user",
          content: question,
          parts: [{ type: "text", text: question }],
          createdAt: at,
        },
        {
          id: "a",
          role: "assistant",
          content: answer,
          parts: [{ type: "text", text: answer }],
          createdAt: at + 1_000,
          status: "done",
          model: "deepseek-flash",
          reasoning: "disabled",
          finishReason: "stop",
        },
      ],
    };
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
const rssMb = () => Math.round(process.memoryUsage().rss / 2 ** 20);

async function fill(config: StoreConfig) {
  const store = await openStore(config);
  const started = performance.now();
  const { imported } = await store.conversations.importConversations(OWNER, conversations());
  await store.close();
  return { conversations: imported.length, seconds: (performance.now() - started) / 1000 };
}

async function read(config: StoreConfig) {
  const beforeOpen = rssMb();
  const store = await openStore(config);
  const opened = rssMb();
  const times: number[] = [];
  for (let i = 0; i < READS; i++) {
    const t = performance.now();
    const page = await store.conversations.listConversations(OWNER, { limit: PAGE });
    times.push(performance.now() - t);
    if (page.conversations.length !== PAGE) throw new Error("short page");
  }
  times.sort((a, b) => a - b);
  const afterReads = rssMb();
  await store.close();
  const ms = (p: number) => Number(percentile(times, p).toFixed(2));
  return { p50: ms(0.5), p95: ms(0.95), max: ms(1), rssMb: { beforeOpen, opened, afterReads } };
}

/** Runs one phase in a new process of this script and returns what it printed. */
function phase(name: "fill" | "read", config: StoreConfig): Record<string, unknown> {
  const out = execFileSync(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", import.meta.filename, name, JSON.stringify(config)],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  return JSON.parse(out.trim().split("\n").at(-1) ?? "{}");
}

async function sizeOf(config: StoreConfig): Promise<string> {
  if (config.kind === "pglite") {
    return `directory ${execFileSync("du", ["-sh", config.dataDir], { encoding: "utf8" }).split("\t")[0]}`;
  }
  const client = new pg.Client({ connectionString: config.url });
  await client.connect();
  const result = await client.query("SELECT pg_size_pretty(pg_database_size(current_database())) AS size");
  await client.end();
  return `database ${String(result.rows[0]?.size)}`;
}

async function report(label: string, config: StoreConfig) {
  const filled = phase("fill", config);
  const read = phase("read", config);
  console.log(`${label}: ${JSON.stringify({ filled, firstPageMs: read, data: await sizeOf(config) })}`);
}

const [mode, configJson] = process.argv.slice(2);
if (mode === "fill" || mode === "read") {
  const config: StoreConfig = JSON.parse(configJson ?? "{}");
  console.log(JSON.stringify(mode === "fill" ? await fill(config) : await read(config)));
} else {
  const dataDir = mkdtempSync(join(tmpdir(), "store-figures-"));
  try {
    await report("PGlite", { kind: "pglite", dataDir });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const unavailable = postgresUnavailable();
  if (unavailable) {
    console.log(`PostgreSQL: skipped (${unavailable})`);
  } else {
    const server = await startPostgresServer();
    try {
      await report("PostgreSQL", { kind: "postgres", url: await server.createDatabase() });
    } finally {
      await server.close();
    }
  }
}
