import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { Socket } from "node:net";
import { freePort } from "./app-server";

// A throwaway redis-server (Debian's package) on a free loopback port, for the Redis store tests
// and the two-instance tests. Nothing is saved to disk.

export const REDIS_SERVER = process.env.REDIS_SERVER_BIN ?? "redis-server";

/** Why Redis tests cannot run here, or undefined when they can. */
export function redisUnavailable(): string | undefined {
  const probe = spawnSync(REDIS_SERVER, ["--version"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    return `${REDIS_SERVER} is not installed (apt-get install -y redis-server); the Redis store tests are skipped`;
  }
  return undefined;
}

export interface RedisServer {
  url: string;
  close(): Promise<void>;
}

export async function startRedisServer(timeoutMs = 10_000): Promise<RedisServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    REDIS_SERVER,
    [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "no",
      "--loglevel",
      "warning",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode}):\n${output}`);
    const ready = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once("error", () => resolve(false));
      socket.connect(port, "127.0.0.1", () => {
        socket.write("PING\r\n");
        socket.once("data", (data: Buffer) => {
          socket.destroy();
          resolve(data.toString().startsWith("+PONG"));
        });
      });
    });
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`redis-server did not answer within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 3_000).unref();
      }),
  };
}
