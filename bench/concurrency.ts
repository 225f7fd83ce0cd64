import { setTimeout as sleep } from "node:timers/promises";
import { Agent } from "undici";
import { peakOverlap } from "../scripts/load/figures";
import type { BenchChild } from "./bench-child";
import { PACED_DELAY_MS, type Plan } from "./plan";
import type { RelayKind, RelayStats } from "./relay-stats";
import { epochNow, type StreamResult, streamOnce } from "./sse-client";
import { addedDelays, ratio, round, type Summary, summarize } from "./stats";
import { requestBody, WIRE_OF } from "./wires";

// Part 2: many paced streams open at once through one relay. Each piece's delay is its arrival at
// the client minus the moment the upstream process wrote it, so the upstream's own timer drift
// under load is not blamed on the relay.

export interface ConcurrencyFigures {
  target: RelayKind;
  streams: number;
  chunksPerStream: number;
  errors: number;
  errorSamples: string[];
  /** Most connections open at one moment (request sent to stream ended): how concurrent it really was. */
  peakOpen: number;
  wallMs: number;
  addedDelayMs: Summary;
  firstTokenMs: Summary;
  rssPerStreamKiB: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  /** CPU over the run in cores (1 = one core busy): the relay, and beside it the upstream and the
   * client, which share the same two cores and show when the machine rather than the relay is full. */
  cpuCores: number;
  upstreamCores: number;
  clientCores: number;
  /** addedDelay p99 against the raw pass-through at the same level. */
  delayP99VsRaw: number | null;
}

interface Relay {
  target: RelayKind;
  port: number;
  child: BenchChild;
}

export async function runConcurrency(
  relays: Relay[],
  upstream: BenchChild,
  plan: Plan,
  log: (line: string) => void,
): Promise<ConcurrencyFigures[]> {
  const { concurrency } = plan;
  const figures: ConcurrencyFigures[] = [];
  const measured = relays.filter((r) => concurrency.targets.includes(r.target));
  // A cold relay compiles its modules on the first requests; that is not what 1,000 streams cost.
  for (const relay of measured)
    await runLevel(relay, upstream, 20, { ...plan, concurrency: { ...concurrency, chunks: 10 } });
  for (const level of concurrency.levels) {
    for (const relay of measured) {
      log(`concurrency: ${level} paced streams through ${relay.target}`);
      figures.push(await runLevel(relay, upstream, level, plan));
      const last = figures.at(-1);
      if (last)
        log(
          `  ${last.errors} errors, added delay p99 ${last.addedDelayMs.p99} ms, ${last.rssPerStreamKiB} KiB/stream, loop p99 ${last.eventLoopDelayMs.p99} ms`,
        );
    }
    const raw = figures.find((f) => f.streams === level && f.target === "raw");
    for (const f of figures.filter((f) => f.streams === level && f.target !== "raw"))
      f.delayP99VsRaw = ratio(f.addedDelayMs.p99, raw?.addedDelayMs.p99);
  }
  return figures;
}

async function runLevel(
  relay: Relay,
  upstream: BenchChild,
  streams: number,
  plan: Plan,
): Promise<ConcurrencyFigures> {
  const { chunks, rampMs, levelTimeoutMs } = plan.concurrency;
  const wire = WIRE_OF[relay.target];
  const dispatcher = new Agent({ connections: null, keepAliveTimeout: 1_000, connect: { timeout: 30_000 } });
  await upstream.ask("take");
  const before = await relay.child.ask<RelayStats>("reset");
  const upstreamBefore = await upstream.ask<{ cpuMicros: number }>("stats");
  const clientBefore = process.cpuUsage();
  const started = epochNow();
  const tag = (i: number) => `c${streams}-${relay.target}-${i}`;
  const results = await Promise.all(
    Array.from({ length: streams }, async (_, i) => {
      await sleep((i * rampMs) / streams);
      return streamOnce({
        url: `http://127.0.0.1:${relay.port}/`,
        wire,
        body: requestBody(
          wire,
          `Stream #bench-${tag(i)}# [[scenario:{"name":"long","chunks":${chunks},"delayMs":${PACED_DELAY_MS}}]]`,
          plan.model,
        ),
        dispatcher,
        timeoutMs: levelTimeoutMs,
        arrivals: true,
      });
    }),
  );
  const wallMs = epochNow() - started;
  const client = process.cpuUsage(clientBefore);
  const after = await relay.child.ask<RelayStats>("stats");
  const upstreamAfter = await upstream.ask<{ cpuMicros: number }>("stats");
  const cores = (micros: number) => round(micros / 1000 / wallMs, 2);
  const sent = await upstream.ask<Record<string, number[]>>("take", {}, 60_000);
  await dispatcher.close();

  const errorSamples: string[] = [];
  const delays: number[] = [];
  let errors = 0;
  results.forEach((result, i) => {
    const paired = result.failure ? undefined : addedDelays(result.arrivals, sent[tag(i)] ?? []);
    if (paired) {
      for (const delay of paired) delays.push(delay);
      return;
    }
    errors++;
    const why =
      result.failure ?? `${result.arrivals.length} pieces arrived, ${sent[tag(i)]?.length ?? 0} sent`;
    if (errorSamples.length < 5) errorSamples.push(why);
  });
  const firsts = results.flatMap((r) => (r.firstTokenMs === undefined ? [] : [r.firstTokenMs]));
  return {
    target: relay.target,
    streams,
    chunksPerStream: chunks,
    errors,
    errorSamples,
    peakOpen: peakOpen(results),
    wallMs: Math.round(wallMs),
    addedDelayMs: summarize(delays),
    firstTokenMs: summarize(firsts),
    rssPerStreamKiB: round((after.peakRssBytes - before.rssBytes) / streams / 1024, 1),
    eventLoopDelayMs: {
      p50: round(after.eventLoopDelayMs.p50, 1),
      p99: round(after.eventLoopDelayMs.p99, 1),
      max: round(after.eventLoopDelayMs.max, 1),
    },
    cpuCores: cores(after.cpuMicros - before.cpuMicros),
    upstreamCores: cores(upstreamAfter.cpuMicros - upstreamBefore.cpuMicros),
    clientCores: cores(client.user + client.system),
    delayP99VsRaw: null,
  };
}

function peakOpen(results: StreamResult[]): number {
  return peakOverlap(results.map((r) => ({ start: r.sentAt, end: r.sentAt + r.totalMs })));
}
