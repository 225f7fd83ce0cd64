import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { type AppServer, freePort, startApp } from "../../lib/testing/app-server";
import { HistoryClient, messageOf, newId } from "../../lib/testing/history-client";
import { pollUntil } from "../../lib/testing/poll-until";
import { postgresUnavailable, startPostgresServer } from "../../lib/testing/postgres-server";
import { readFrames, readSse, upstreamRequests } from "../../lib/testing/sse-client";
import { TEST_ENV } from "./global-setup";

// When things break (PROTOCOL.md section 10): a database that does not answer costs no model call
// and hangs nothing; a process killed mid-answer leaves it interrupted once its lease lapses, and
// only then; an instance restarting beside another leaves the other's answer alone.

const upstream = inject("upstreamUrl");
const env = { ...TEST_ENV, DEEPSEEK_BASE_URL: upstream, RATE_LIMIT_PER_MIN: "0" };
const SLOW = '[[scenario:{"name":"slow","delayMs":80}]]';
const apps: AppServer[] = [];
const dirs: string[] = [];

async function app(extra: Record<string, string>): Promise<AppServer> {
  const started = await startApp({ ...env, ...extra });
  apps.push(started);
  return started;
}

afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function expectUnavailable(client: HistoryClient) {
  const marker = newId("m");
  const startedAt = Date.now();
  const chat = await client.chat(client.firstTurn(`unreachable ${marker}`));
  expect(chat.status).toBe(503);
  expect(await chat.json()).toMatchObject({
    error: {
      code: "store_unavailable",
      message: expect.stringMatching(/^The database is unreachable: .*nothing was sent to the model\.$/),
    },
  });
  const list = await client.send("GET", "/api/conversations");
  expect(list.status).toBe(503);
  expect(Date.now() - startedAt).toBeLessThan(15_000);
  expect(await upstreamRequests(upstream, marker)).toEqual([]);
}

describe("a database that does not answer", { timeout: 60_000 }, () => {
  it("is a 503 before any model call when DATABASE_URL names a closed port", async () => {
    const down = await app({ DATABASE_URL: `postgres://postgres@127.0.0.1:${await freePort()}/none` });
    await expectUnavailable(new HistoryClient(down.url));
    // Requests that name no conversation never needed it.
    expect((await fetch(`${down.url}/api/chat?prompt=hi&thinking=false`)).status).toBe(200);
  });

  it.skipIf(postgresUnavailable() !== undefined)(
    "is a 503 when its PostgreSQL server stops mid-way",
    async () => {
      const server = await startPostgresServer();
      const shared = await app({ DATABASE_URL: await server.createDatabase() });
      const client = new HistoryClient(shared.url);
      const turn = client.firstTurn("before the database stopped");
      await readSse(await client.chat(turn, { thinking: false }));
      expect((await client.tree(turn.id)).messages).toHaveLength(2);
      await server.close();
      await expectUnavailable(client);
    },
  );
});

describe("the store at start-up", { timeout: 90_000 }, () => {
  it("is opened when the server starts, before any request; one it cannot open is still a 503", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "history-start-"));
    dirs.push(dataDir);
    const first = await app({ DATA_DIR: dataDir });
    // Nothing has asked for history yet: the server took the data directory on its own.
    const lock = join(dataDir, "pglite.lock");
    const holder = async () => (existsSync(lock) ? JSON.parse(readFileSync(lock, "utf8")).pid : undefined);
    expect(await pollUntil(holder, (pid) => pid === first.pid, Date.now() + 60_000)).toBe(first.pid);
    expect((await new HistoryClient(first.url).send("GET", "/api/conversations")).status).toBe(200);

    // A second server on the same directory cannot open it: it listens anyway, and history is a 503
    // naming the process that holds the directory.
    const second = await app({ DATA_DIR: dataDir });
    const list = await new HistoryClient(second.url).send("GET", "/api/conversations");
    expect(list.status).toBe(503);
    expect(await list.json()).toMatchObject({
      error: { code: "store_unavailable", message: expect.stringContaining(`process ${first.pid}`) },
    });
  });
});

describe("a run that dies, and one that lives", { timeout: 90_000 }, () => {
  it("shows an answer killed mid-way (kill -9) as interrupted after a restart, with what it had saved", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "history-kill-"));
    dirs.push(dataDir);
    const lease = { DATA_DIR: dataDir, HISTORY_LEASE_MS: "1500" };
    const first = await app(lease);
    const client = new HistoryClient(first.url);
    const turn = client.firstTurn(`${SLOW} killed`);
    const response = await client.chat(turn);
    await readFrames(response, { limit: 3 });
    // Wait for a batched save (one every 2 s), so there is a partial answer to keep.
    await pollUntil(
      () => client.tree(turn.id),
      (tree) => (messageOf(tree, turn.answer_id)?.parts.length ?? 0) > 0,
      Date.now() + 20_000,
    );
    process.kill(first.pid, "SIGKILL");
    await first.close();

    const second = await app(lease);
    const after = new HistoryClient(second.url);
    const tree = await pollUntil(
      () => after.tree(turn.id),
      (t) => messageOf(t, turn.answer_id)?.status !== "streaming",
      Date.now() + 20_000,
    );
    const answer = messageOf(tree, turn.answer_id);
    expect(answer?.status).toBe("interrupted");
    expect(answer?.parts.length).toBeGreaterThan(0);
    expect(answer?.streamId).toBeUndefined();
  });

  it.skipIf(postgresUnavailable() !== undefined)(
    "finishes an answer on one instance while another on the same PostgreSQL restarts",
    async () => {
      const server = await startPostgresServer();
      try {
        const shared = { DATABASE_URL: await server.createDatabase(), HISTORY_LEASE_MS: "1500" };
        const [a, b] = await Promise.all([app(shared), app(shared)]);
        const onA = new HistoryClient(a.url);
        const turn = onA.firstTurn(`${SLOW} survives`);
        const response = await onA.chat(turn);
        await readFrames(response, { limit: 2 });
        // B restarts while A's answer runs; its start-up sweep and its reads must leave it be.
        await b.close();
        const b2 = await app(shared);
        const onB = new HistoryClient(b2.url);
        const seen = new Set<string>();
        const tree = await pollUntil(
          async () => {
            const t = await onB.tree(turn.id);
            seen.add(messageOf(t, turn.answer_id)?.status ?? "missing");
            return t;
          },
          (t) => messageOf(t, turn.answer_id)?.status !== "streaming",
          Date.now() + 60_000,
        );
        expect(messageOf(tree, turn.answer_id)).toMatchObject({ status: "done", finishReason: "stop" });
        expect([...seen].sort()).toEqual(["done", "streaming"]);
      } finally {
        await server.close();
      }
    },
  );
});
