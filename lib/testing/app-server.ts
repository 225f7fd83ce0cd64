import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seedPgliteCluster } from "./pglite-template";

// Starts the built app as `npm start` runs it (scripts/start.mjs → the server.ts bundle around
// Next) on a free port of 127.0.0.1, for integration tests and benchmarks. An app given neither
// DATA_DIR nor DATABASE_URL keeps its history in a temporary directory of its own, removed when it
// closes: never the project's ./data, and never another app's.

const root = join(import.meta.dirname, "../..");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

export interface AppServer {
  url: string;
  /** The server process, for readings from /proc (memory, sockets). */
  pid: number;
  close(): Promise<void>;
}

/** What server.ts prints once its store opened, or could not, or has none. */
const STORE_SETTLED = /\[store\] (?:ready|none|could not open)/;

export async function startApp(env: Record<string, string>, timeoutMs = 60_000): Promise<AppServer> {
  if (!existsSync(join(root, ".next", "BUILD_ID")) || !existsSync(join(root, ".next", "start.mjs"))) {
    throw new Error("The app is not built: run `npm run build` before the integration tests.");
  }
  // A test that must know the address before the app starts (a callback URL registered with a
  // provider) picks the port itself.
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const ownDataDir =
    env.DATA_DIR === undefined && env.DATABASE_URL === undefined
      ? mkdtempSync(join(tmpdir(), "app-data-"))
      : undefined;
  if (ownDataDir) seedPgliteCluster(ownDataDir);
  const child: ChildProcess = spawn(process.execPath, [join(root, "scripts/start.mjs")], {
    cwd: root,
    // Test servers listen on 127.0.0.1 only, whatever mode the test puts the app in.
    env: {
      ...process.env,
      HOSTNAME: "127.0.0.1",
      ...(ownDataDir ? { DATA_DIR: ownDataDir } : {}),
      ...env,
      PORT: String(port),
      NODE_ENV: "production",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${url}/`, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the app did not answer within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // The server opens its store once it listens (server.ts), and a new database's migrations keep
  // it busy for a moment: a test's timings start once that is over, as a running server's would.
  while (!STORE_SETTLED.test(output)) {
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the app's store did not settle within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    url,
    pid: child.pid ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
      }).then(() => {
        if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true });
      }),
  };
}
