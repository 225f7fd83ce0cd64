import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { type LockHolder, lockDataDir, removeStale } from "./data-dir-lock";
import { StoreError } from "./store-error";

// The lock that keeps a PGlite data directory to one process (pglite-store.test.ts shows it
// between two real processes opening the store).

const root = join(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "data-dir-lock-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
const lockPath = () => join(dir, `lock-${n++}`);
const write = (path: string, holder: LockHolder) => writeFileSync(path, JSON.stringify(holder));
const read = (path: string): LockHolder => JSON.parse(readFileSync(path, "utf8"));

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

const since = "2026-01-02T03:04:05.000Z";

/** A process that lives until killed, and the lock it would have written (with its start time from /proc). */
async function liveProcess(): Promise<{ pid: number; holder: LockHolder; kill(): Promise<void> }> {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000); console.log('up')"]);
  children.push(child);
  await new Promise((resolve) => child.stdout.once("data", resolve));
  const pid = child.pid ?? 0;
  const holder: LockHolder = { pid, hostname: hostname(), since };
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const processStart = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
    if (processStart) holder.processStart = processStart;
  } catch {
    // no /proc here
  }
  const kill = () =>
    new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGKILL");
    });
  return { pid, holder, kill };
}

describe("lockDataDir", () => {
  it("writes who holds it, refuses a second taker in this process, and is gone once released", () => {
    const path = lockPath();
    const lock = lockDataDir(path);
    const holder = read(path);
    expect(holder).toMatchObject({ pid: process.pid, hostname: hostname() });
    expect(Number.isNaN(Date.parse(holder.since))).toBe(false);
    expect(() => lockDataDir(path)).toThrow(StoreError);
    expect(() => lockDataDir(path)).toThrow(`in use by process ${process.pid} since ${holder.since}`);
    lock.release();
    expect(existsSync(path)).toBe(false);
    lockDataDir(path).release();
    // Every temporary file is gone too.
    expect(spawnSync("ls", [dir], { encoding: "utf8" }).stdout.trim()).toBe("");
  });

  it("refuses while another live process holds it, naming it, and takes it over once that one died", async () => {
    const path = lockPath();
    const other = await liveProcess();
    write(path, other.holder);
    expect(() => lockDataDir(path)).toThrow(`in use by process ${other.pid} since ${since}`);
    await other.kill();
    const lock = lockDataDir(path);
    expect(read(path).pid).toBe(process.pid);
    lock.release();
  });

  // Without /proc a reused pid cannot be told apart from its holder.
  it.skipIf(!existsSync("/proc/self/stat"))(
    "takes over a lock whose pid now belongs to another process",
    async () => {
      const path = lockPath();
      const other = await liveProcess();
      write(path, { ...other.holder, processStart: `${Number(other.holder.processStart) - 1}` });
      const lock = lockDataDir(path);
      expect(read(path).pid).toBe(process.pid);
      lock.release();
    },
  );

  it("takes over a lock with this process's pid that this process does not hold (a restarted container)", () => {
    const path = lockPath();
    write(path, { pid: process.pid, hostname: hostname(), since });
    const lock = lockDataDir(path);
    expect(read(path).since).not.toBe(since);
    lock.release();
  });

  it("never guesses about a lock taken on another host", () => {
    const path = lockPath();
    write(path, { pid: 1, hostname: "elsewhere.example", since });
    expect(() => lockDataDir(path)).toThrow(`in use by process 1 on elsewhere.example since ${since}`);
    expect(() => lockDataDir(path)).toThrow(`delete ${path}`);
  });

  it("refuses a lock file it cannot read rather than deleting it", () => {
    const path = lockPath();
    writeFileSync(path, "not json");
    expect(() => lockDataDir(path)).toThrow("is not a lock this app wrote");
    expect(readFileSync(path, "utf8")).toBe("not json");
  });

  it("releases only its own lock", () => {
    const path = lockPath();
    const lock = lockDataDir(path);
    const successor = { pid: process.pid + 1, hostname: hostname(), since };
    write(path, successor);
    lock.release();
    expect(read(path)).toEqual(successor);
  });

  it("puts back a fresh lock that another process took over between judging the old one stale and moving it", () => {
    const path = lockPath();
    const stale = JSON.stringify({ pid: 999_999_999, hostname: hostname(), since });
    writeFileSync(path, stale);
    // Two processes read the same stale lock. The first moves it away and takes the lock…
    removeStale(path, stale);
    // A process that is alive and not this one: the test runner's parent. (pid + 1 may be dead,
    // and a dead holder's lock is taken over: the assertion below would then fail by chance.)
    const fresh = JSON.stringify({
      pid: process.ppid,
      hostname: hostname(),
      since: new Date().toISOString(),
    });
    writeFileSync(path, fresh);
    // …then the second, acting on what it read before, must not remove the fresh one.
    removeStale(path, stale);
    expect(readFileSync(path, "utf8")).toBe(fresh);
    expect(() => lockDataDir(path)).toThrow(`in use by process ${process.ppid}`);
  });

  it("is removed when its process exits without releasing it", () => {
    const path = lockPath();
    const script = `import { lockDataDir } from ${JSON.stringify(join(root, "lib/store/data-dir-lock.ts"))};
      lockDataDir(${JSON.stringify(path)}); console.log("locked");`;
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", "--conditions=react-server", "--input-type=module", "-e", script],
      { cwd: root, encoding: "utf8" },
    );
    expect(run.stdout.trim()).toBe("locked");
    expect(existsSync(path)).toBe(false);
  });
});
