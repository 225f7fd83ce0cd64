import { descendants, startTime } from "./process-probe";

// Every process this run starts, directly or not (next-server, the MCP fixtures, the app's stdio MCP
// children), remembered with its start time so cleanup can make sure each is gone, even after it
// was re-parented to init, and never signals a later process that happens to reuse a pid.
// Processes already under us at construction are not ours to end: tsx's esbuild service is one.

export class TrackedProcesses {
  private readonly seen = new Map<number, string>();
  private readonly preexisting = new Set(descendants(process.pid));

  /** Remembers the current descendants of this process, except those that were there before. */
  note(): void {
    const ignored = new Set(this.preexisting);
    for (const pid of this.preexisting) for (const child of descendants(pid)) ignored.add(child);
    for (const pid of descendants(process.pid)) {
      if (ignored.has(pid)) continue;
      const started = startTime(pid);
      if (started) this.seen.set(pid, started);
    }
  }

  alive(): number[] {
    return [...this.seen].filter(([pid, started]) => startTime(pid) === started).map(([pid]) => pid);
  }

  /** Waits (bounded) for the remembered processes to exit, then SIGKILLs those still there. */
  async reap(timeoutMs = 6_000): Promise<number[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.alive().length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const left = this.alive();
    for (const pid of left) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // exited in between
      }
    }
    return left;
  }
}
