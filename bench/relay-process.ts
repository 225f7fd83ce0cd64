import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { announceReady, answerIpc } from "./child-ipc";
import type { RelayKind, RelayStats } from "./relay-stats";
import { aiSdkRelay } from "./relays/ai-sdk-relay";
import { floorRelay } from "./relays/floor-relay";
import { ourRelay } from "./relays/our-relay";
import { rawRelay } from "./relays/raw-relay";

// One relay in a process of its own: `tsx relay-process.ts raw|ai-sdk|ours|floor`, upstream and key from
// the environment. The harness reads its CPU time, memory and event-loop delay over IPC.

const kind = process.argv[2] as RelayKind;
const upstreamUrl = process.env.DEEPSEEK_BASE_URL ?? "";
const apiKey = process.env.DEEPSEEK_API_KEY ?? "";
const model = process.env.DEEPSEEK_MODEL ?? "deepseek-flash";

type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
const handlers: Record<RelayKind, () => Handler> = {
  raw: () => rawRelay(upstreamUrl, apiKey),
  "ai-sdk": () => aiSdkRelay(upstreamUrl, apiKey, model),
  ours: () => ourRelay(),
  floor: () => floorRelay(upstreamUrl, apiKey, model),
};
const make = handlers[kind];
if (!make || !upstreamUrl) throw new Error(`usage: relay-process.ts raw|ai-sdk|ours|floor (got ${kind})`);
const handle = make();

const server = createServer((req, res) => {
  Promise.resolve(handle(req, res)).catch((error: unknown) => {
    console.error(error);
    res.destroy();
  });
});
// 1,000 clients connect within a second; the default backlog (511) would drop some SYNs.
server.listen({ port: 0, host: "127.0.0.1", backlog: 4096 }, () => {
  announceReady((server.address() as AddressInfo).port);
});

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
let peakRss = process.memoryUsage.rss();
// Peak memory while streams are open, sampled often enough to catch a 2-second plateau.
setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 50).unref();

const gc = (globalThis as { gc?: () => void }).gc;

answerIpc({
  /** Starts a measurement window: collects garbage, then resets the delay histogram and the peak. */
  reset: () => {
    gc?.();
    delay.reset();
    peakRss = process.memoryUsage.rss();
    return stats();
  },
  stats: () => stats(),
});

function stats(): RelayStats {
  const cpu = process.cpuUsage();
  const rss = process.memoryUsage.rss();
  peakRss = Math.max(peakRss, rss);
  return {
    cpuMicros: cpu.user + cpu.system,
    rssBytes: rss,
    peakRssBytes: peakRss,
    eventLoopDelayMs: {
      p50: delay.percentile(50) / 1e6,
      p99: delay.percentile(99) / 1e6,
      max: delay.max / 1e6,
    },
  };
}
