import type { AppSnapshot } from "./process-probe";

// Waits for the app to be at rest before a leak reading, instead of a fixed sleep: no client
// connection, no connection to or from the upstream (idle keep-alive sockets count: undici and
// Node's server drop them after ~4–5 s), no upstream response in flight, and the socket and MCP
// child counts unchanged over several samples. Bounded: past the timeout it reads anyway and says so.

export interface Settled {
  snapshot: AppSnapshot;
  waitedMs: number;
  /** False when the timeout came first; the reading is then taken as it is. */
  settled: boolean;
}

export async function settle(
  read: () => AppSnapshot,
  inFlightUpstream: () => number,
  { intervalMs = 200, stableSamples = 5, timeoutMs = 15_000 } = {},
): Promise<Settled> {
  const started = performance.now();
  let previous: AppSnapshot | undefined;
  let stable = 0;
  for (;;) {
    const snapshot = read();
    const quiet =
      snapshot.tcp.fromClients === 0 &&
      snapshot.tcp.toUpstream === 0 &&
      snapshot.upstreamConnections === 0 &&
      inFlightUpstream() === 0;
    const same =
      previous !== undefined &&
      previous.sockets === snapshot.sockets &&
      previous.tcp.total === snapshot.tcp.total &&
      previous.mcpChildren.join() === snapshot.mcpChildren.join();
    stable = quiet && same ? stable + 1 : 0;
    const waitedMs = Math.round(performance.now() - started);
    if (stable >= stableSamples) return { snapshot, waitedMs, settled: true };
    if (waitedMs >= timeoutMs) return { snapshot, waitedMs, settled: false };
    previous = snapshot;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
