import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pollUntil } from "../testing/poll-until";
import { createPgliteCluster } from "./create-pglite-cluster";
import { openStore } from "./open-store";

// A new data directory's cluster is made in a child process, and the store opens it as usual.

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function newDataDir(): string {
  const dataDir = mkdtempSync(join(tmpdir(), "pglite-cluster-"));
  dirs.push(dataDir);
  return dataDir;
}

/** Processes whose command line names `path`: the child building a cluster there, if it lives. */
function processesNaming(path: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(path)) pids.push(Number(entry));
    } catch {
      // Gone between the listing and the read.
    }
  }
  return pids;
}

// A server that starts creating the cluster and stops half-way (process.exit, as its SIGTERM
// handler does), once the child's build has begun.
const STOPS_MID_WAY = `
const { existsSync, readdirSync } = await import("node:fs");
const { createPgliteCluster } = await import(${JSON.stringify(join(import.meta.dirname, "create-pglite-cluster.ts"))});
const cluster = process.argv[1];
void createPgliteCluster(cluster);
const fresh = cluster + ".new-" + process.pid;
const timer = setInterval(() => {
  if (existsSync(fresh) && readdirSync(fresh).length > 0) { clearInterval(timer); process.exit(0); }
}, 10);`;

describe("createPgliteCluster", { timeout: 120_000 }, () => {
  it("creates a new cluster in a child process, leaves an existing one alone, and the store opens it", async () => {
    const dataDir = newDataDir();
    const cluster = join(dataDir, "pglite");
    const rssBefore = process.memoryUsage().rss;
    await createPgliteCluster(cluster);
    expect(existsSync(join(cluster, "PG_VERSION"))).toBe(true);
    // The initdb's hundreds of MiB were the child's, not this process's.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
    await createPgliteCluster(cluster);
    const store = await openStore({ kind: "pglite", dataDir });
    await store.conversations.createConversation("me", { id: "c", title: "made apart" });
    expect((await store.conversations.getConversation("me", "c"))?.title).toBe("made apart");
    await store.close();
  });

  it("stops building when its server stops, leaves no half-made cluster, and the next start builds it whole", async () => {
    const dataDir = newDataDir();
    const cluster = join(dataDir, "pglite");
    const server = spawn(
      process.execPath,
      ["--import", "tsx", "--conditions=react-server", "--input-type=module", "-e", STOPS_MID_WAY, cluster],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    server.stderr?.on("data", (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise((resolve) => server.once("exit", resolve));
    expect(code, stderr).toBe(0);
    // The build's child ended with its server: nothing writes into the directory any more.
    const left = await pollUntil(
      async () => processesNaming(cluster),
      (pids) => pids.length === 0,
      Date.now() + 5_000,
    );
    expect(left).toEqual([]);
    expect(existsSync(cluster)).toBe(false);
    expect(readdirSync(dataDir)).toEqual([expect.stringMatching(/^pglite\.new-\d+$/)]);

    await createPgliteCluster(cluster);
    expect(existsSync(join(cluster, "PG_VERSION"))).toBe(true);
    expect(readdirSync(dataDir)).toEqual(["pglite"]);
  });
});
