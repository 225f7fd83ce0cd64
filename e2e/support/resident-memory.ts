import { readFile } from "node:fs/promises";

// A process's resident memory as the kernel counts it: what the machine actually pays for,
// V8's heap, buffers outside it and native allocations together.

/** VmRSS of process `pid`, in MiB (Linux: /proc/<pid>/status). */
export async function residentMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) / 1024;
}

export interface MemoryWatch {
  /** The highest VmRSS seen, MiB. */
  peak: number;
  /** The last reading, MiB. */
  last: number;
  /** Whether it settled before the deadline. */
  settled: boolean;
}

/**
 * Reads VmRSS every `everyMs` until `quietReadings` readings in a row stay within `toleranceMiB` of
 * each other (the process has done what it was going to do with the load it was given), or until
 * `deadline` (epoch ms). The peak is what a bound must hold: memory that comes and goes still counts.
 */
export async function watchResidentMiB(
  pid: number,
  {
    deadline,
    everyMs = 100,
    quietReadings = 15,
    toleranceMiB = 2,
  }: {
    deadline: number;
    everyMs?: number;
    quietReadings?: number;
    toleranceMiB?: number;
  },
): Promise<MemoryWatch> {
  const recent: number[] = [];
  let peak = 0;
  for (;;) {
    const now = await residentMiB(pid);
    peak = Math.max(peak, now);
    recent.push(now);
    if (recent.length > quietReadings) recent.shift();
    const settled =
      recent.length === quietReadings && Math.max(...recent) - Math.min(...recent) <= toleranceMiB;
    if (settled || Date.now() > deadline) return { peak, last: now, settled };
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
