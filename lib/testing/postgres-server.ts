import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { chownSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { freePort } from "./app-server";
import { postgresBinDir } from "./postgres-bin.mjs";

// A throwaway PostgreSQL server (Debian's package) on a free loopback port, for the store tests:
// initdb into a temporary directory, `postgres` on 127.0.0.1 only, each test file a database of
// its own, everything removed after. Both programs refuse to run as root; as root they run as the
// `postgres` user the package creates, and the directory is handed to that user.

const asRoot = process.getuid?.() === 0;

function postgresUser(): { uid: number; gid: number } | undefined {
  const id = (flag: string) => spawnSync("id", [flag, "postgres"], { encoding: "utf8" });
  const uid = id("-u");
  const gid = id("-g");
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Why PostgreSQL tests cannot run here, or undefined when they can. */
export function postgresUnavailable(): string | undefined {
  const bin = postgresBinDir();
  if (bin === undefined) {
    return "PostgreSQL is not installed (apt-get install -y postgresql); the PostgreSQL store tests are skipped";
  }
  if (asRoot && !postgresUser()) {
    return "running as root without a `postgres` user to run PostgreSQL as; the PostgreSQL store tests are skipped";
  }
  return undefined;
}

function command(program: string, args: string[]): [string, string[]] {
  const path = join(postgresBinDir() ?? "", program);
  return asRoot ? ["runuser", ["-u", "postgres", "--", path, ...args]] : [path, args];
}

export interface PostgresServer {
  /** A new, empty database on this server, as a connection URL. */
  createDatabase(): Promise<string>;
  close(): Promise<void>;
}

/**
 * `settings` adds or overrides server settings (`-c name=value`): the benchmark preloads
 * pg_stat_statements to count the statements an answer costs.
 */
export async function startPostgresServer(
  timeoutMs = 30_000,
  settings: Record<string, string> = {},
): Promise<PostgresServer> {
  const dir = mkdtempSync(join(tmpdir(), "postgres-test-"));
  const user = asRoot ? postgresUser() : undefined;
  if (user) chownSync(dir, user.uid, user.gid);
  const dataDir = join(dir, "data");
  const [initdb, initdbArgs] = command("initdb", [
    ...["-D", dataDir, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"],
  ]);
  const init = spawnSync(initdb, initdbArgs, { encoding: "utf8" });
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed (${init.status}):\n${init.stdout}${init.stderr}`);
  }
  const port = await freePort();
  // Durability is not what these tests are about: no fsync, and no Unix socket to place.
  const all = {
    listen_addresses: "127.0.0.1",
    unix_socket_directories: "",
    fsync: "off",
    synchronous_commit: "off",
    full_page_writes: "off",
    max_connections: "60",
    ...settings,
  };
  const [postgres, args] = command("postgres", [
    ...["-D", dataDir, "-p", String(port)],
    ...Object.entries(all).flatMap(([name, value]) => ["-c", `${name}=${value}`]),
  ]);
  const child = spawn(postgres, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const stop = () => stopServer(child, dataDir).finally(() => rmSync(dir, { recursive: true, force: true }));
  try {
    await waitUntilReady(url("postgres"), child, timeoutMs);
  } catch (error) {
    await stop();
    throw new Error(`${error instanceof Error ? error.message : error}:\n${output}`);
  }
  let databases = 0;
  return {
    async createDatabase() {
      const name = `test_${process.pid}_${++databases}`;
      const admin = new pg.Client({ connectionString: url("postgres") });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE "${name}"`);
      } finally {
        await admin.end();
      }
      return url(name);
    },
    close: stop,
  };
}

async function waitUntilReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres exited (${child.exitCode})`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
    }
    if (Date.now() > deadline) throw new Error(`postgres did not answer within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A fast shutdown (SIGINT) of the postmaster itself, whose pid is the first line of
 * postmaster.pid: as root the child is runuser, which does not pass signals on.
 */
function stopServer(child: ChildProcess, dataDir: string): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    const pid = postmasterPid(dataDir) ?? child.pid;
    const signal = (name: NodeJS.Signals) => {
      try {
        if (pid !== undefined) process.kill(pid, name);
      } catch {
        // gone already
      }
    };
    signal("SIGINT");
    setTimeout(() => {
      signal("SIGKILL");
      child.kill("SIGKILL");
    }, 10_000).unref();
  });
}

function postmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    return pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
