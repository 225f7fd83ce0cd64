// The child side of BenchChild: answers `{id, type, …}` messages with `{id, ok, value}`.

type Handler = (message: Record<string, unknown>) => unknown;

export function answerIpc(handlers: Record<string, Handler>): void {
  if (!process.send) throw new Error("run this through the benchmark (it needs an IPC channel)");
  process.on("message", async (message: Record<string, unknown> & { id: number; type: string }) => {
    const handler = handlers[message.type];
    try {
      if (!handler) throw new Error(`unknown request "${message.type}"`);
      process.send?.({ id: message.id, ok: true, value: await handler(message) });
    } catch (error) {
      process.send?.({ id: message.id, ok: false, error: (error as Error).stack ?? String(error) });
    }
  });
  // The harness going away (even by SIGKILL) closes the channel: never outlive it.
  process.on("disconnect", () => process.exit(0));
  // A normal exit, so --cpu-prof (BENCH_CPU_PROF) can write its profile.
  process.once("SIGTERM", () => process.exit(0));
}

/** Tells the harness this process is up, with what it needs to know (a port, a URL). */
export function announceReady(value: unknown): void {
  process.send?.({ ready: value });
}
