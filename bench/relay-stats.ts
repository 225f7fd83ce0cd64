/** The relays of the server benchmark (the floor only in its cost part), and what each reports about itself. */
export type RelayKind = "raw" | "ai-sdk" | "ours" | "floor";

export interface RelayStats {
  /** user + system CPU time of the process so far (process.cpuUsage). */
  cpuMicros: number;
  rssBytes: number;
  /** Highest RSS since the last reset, sampled every 50 ms. */
  peakRssBytes: number;
  /** Since the last reset (monitorEventLoopDelay, 10 ms resolution). */
  eventLoopDelayMs: { p50: number; p99: number; max: number };
}
