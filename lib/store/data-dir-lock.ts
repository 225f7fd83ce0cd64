import "server-only";
import { randomBytes } from "node:crypto";
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { StoreError } from "./store-error";

// PGlite is Postgres inside this process: a second process opening the same files would corrupt
// them. A lock file names the holder. It is created whole or not at all (written aside, then
// hard-linked into place, which fails when the name exists), so nobody ever reads half of one.
// A lock left by a process that died on this host is stale and taken over; one from another host
// is never guessed about.

export interface LockHolder {
  pid: number;
  hostname: string;
  /** When the holder took the lock (ISO 8601). */
  since: string;
  /** The holder's start time in clock ticks since boot (Linux), so a reused pid is not the holder. */
  processStart?: string;
}

interface DataDirLock {
  readonly path: string;
  release(): void;
}

/** Lock files this process holds, so a lock with our own pid that we do not hold is a past life's. */
const held = new Set<string>();

export function lockDataDir(path: string): DataDirLock {
  const processStart = processStartOf(process.pid);
  const me: LockHolder = {
    pid: process.pid,
    hostname: hostname(),
    since: new Date().toISOString(),
    ...(processStart ? { processStart } : {}),
  };
  const text = JSON.stringify(me);
  // Each round either takes the lock, fails naming a live holder, or removes a stale lock; two
  // rounds of stale locks in a row mean others are racing for it too, and a third settles it.
  for (let round = 0; round < 3; round++) {
    if (tryCreate(path, text)) return holding(path, text);
    const found = readLock(path);
    if (found === undefined) continue;
    if (isLive(path, found.holder)) throw lockedError(path, found.holder);
    removeStale(path, found.text);
  }
  throw new StoreError("locked", `${path}: other processes keep taking this lock over; try again`);
}

function tryCreate(path: string, text: string): boolean {
  const aside = `${path}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(aside, text, { mode: 0o644 });
  try {
    linkSync(aside, path);
    return true;
  } catch (error) {
    if (errorCode(error) === "EEXIST") return false;
    throw error;
  } finally {
    unlinkSync(aside);
  }
}

function holding(path: string, text: string): DataDirLock {
  held.add(path);
  const release = () => {
    if (!held.delete(path)) return;
    process.off("exit", release);
    if (readLock(path)?.text === text) unlinkSync(path);
  };
  // A process that exits without close() leaves no lock behind (a killed one does, and the next
  // start finds it stale).
  process.on("exit", release);
  return { path, release };
}

function readLock(path: string): { text: string; holder: LockHolder } | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if (errorCode(error) === "ENOENT") return undefined;
    throw error;
  }
  const holder = parseHolder(text);
  if (!holder)
    throw new StoreError("locked", `${path} is not a lock this app wrote; remove it if no app runs`);
  return { text, holder };
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (!isRecord(value)) return undefined;
    const { pid, hostname, since, processStart } = value;
    if (typeof pid !== "number" || typeof hostname !== "string" || typeof since !== "string")
      return undefined;
    return { pid, hostname, since, ...(typeof processStart === "string" ? { processStart } : {}) };
  } catch {
    return undefined;
  }
}

function isLive(path: string, holder: LockHolder): boolean {
  if (holder.hostname !== hostname()) return true;
  if (holder.pid === process.pid) return held.has(path);
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: it exists and belongs to another user.
    if (errorCode(error) === "ESRCH") return false;
  }
  const start = processStartOf(holder.pid);
  return !(holder.processStart && start && start !== holder.processStart);
}

/**
 * Moves the stale lock aside and checks that what moved is what was judged stale: when another
 * process took the lock over in between, what moved is its fresh lock, which goes back.
 * Exported for its test, which plays that interleaving.
 */
export function removeStale(path: string, staleText: string): void {
  const aside = `${path}.stale.${process.pid}.${randomBytes(4).toString("hex")}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if (errorCode(error) === "ENOENT") return;
    throw error;
  }
  try {
    if (readFileSync(aside, "utf8") !== staleText) linkSync(aside, path);
  } catch (error) {
    if (errorCode(error) !== "EEXIST") throw error;
  } finally {
    unlinkSync(aside);
  }
}

function lockedError(path: string, holder: LockHolder): StoreError {
  const where = holder.hostname === hostname() ? "" : ` on ${holder.hostname}`;
  return new StoreError(
    "locked",
    `The embedded database is in use by process ${holder.pid}${where} since ${holder.since} (lock ${path}). ` +
      "PGlite serves one process: stop that one, or set DATABASE_URL to a PostgreSQL server that " +
      "several instances can share." +
      (where ? ` If that process is gone, delete ${path}.` : ""),
  );
}

/** Field 22 of /proc/<pid>/stat, after the command name (which may hold spaces and parentheses). */
function processStartOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : undefined;
}
