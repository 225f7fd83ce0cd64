import { Agent } from "node:http";
import type { Upstream } from "../../lib/testing/upstream/server";
import { peakOverlap, percentile, round } from "./figures";
import { chatBody, nonce, phase1Mix, variantKey } from "./load-mix";
import type { Prng } from "./prng";
import { type StreamChatResult, streamChat } from "./stream-chat";
import { completeStreamProblems, type Reference } from "./stream-checks";

// Phase 1: every stream opened in the same tick and read to `done` concurrently; each must be
// exactly what its scenario gives alone.

export interface ConcurrentFigures {
  streams: number;
  mix: Record<string, number>;
  errors: number;
  errorSamples: string[];
  wallMs: number;
  firstEventMs: { p50: number; p99: number; max: number };
  totalMs: { p50: number; p99: number; max: number };
  /** Most streams between their first event and `done` at one moment: how concurrent it really was. */
  peakInFlight: number;
  events: number;
  eventsPerSecond: number;
  upstreamRequests: number;
  upstreamNotCompleted: number;
}

export async function runConcurrentPhase(options: {
  appUrl: URL;
  upstream: Upstream;
  references: Map<string, Reference>;
  prng: Prng;
  streams: number;
  timeoutMs: number;
}): Promise<ConcurrentFigures> {
  const mix = phase1Mix(options.prng, options.streams);
  // keepAlive off: one connection per stream, all open at once, none left idle for the leak phase.
  const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
  const started = performance.now();
  const results = await Promise.all(
    mix.map((variant, i) =>
      streamChat({
        appUrl: options.appUrl,
        body: chatBody(variant, nonce("L1", i)),
        agent,
        timeoutMs: options.timeoutMs,
      }),
    ),
  );
  const wallMs = performance.now() - started;
  agent.destroy();

  const errorSamples: string[] = [];
  let errors = 0;
  results.forEach((result, i) => {
    const variant = mix[i];
    const reference = variant && options.references.get(variantKey(variant));
    if (!variant || !reference) throw new Error(`no reference for stream ${i}`);
    const problems = completeStreamProblems(result, reference);
    if (problems.length === 0) return;
    errors++;
    if (errorSamples.length < 10)
      errorSamples.push(`${nonce("L1", i)} ${variantKey(variant)}: ${problems.join("; ")}`);
  });

  const mine = options.upstream.requests.filter((r) => JSON.stringify(r.body).includes("#L1-"));
  const firsts = results.flatMap((r) => (r.firstEventMs === undefined ? [] : [r.firstEventMs]));
  const totals = results.map((r) => r.totalMs);
  const events = results.reduce((sum, r) => sum + r.items.filter((item) => item.kind === "event").length, 0);
  const counts: Record<string, number> = {};
  for (const variant of mix) counts[variantKey(variant)] = (counts[variantKey(variant)] ?? 0) + 1;
  const summary = (samples: number[]) => ({
    p50: round(percentile(samples, 50)),
    p99: round(percentile(samples, 99)),
    max: round(samples.reduce((a, b) => Math.max(a, b), -Infinity)),
  });
  return {
    streams: results.length,
    mix: counts,
    errors,
    errorSamples,
    wallMs: round(wallMs),
    firstEventMs: summary(firsts),
    totalMs: summary(totals),
    peakInFlight: peakInFlight(results),
    events,
    eventsPerSecond: Math.round(events / (wallMs / 1000)),
    upstreamRequests: mine.length,
    upstreamNotCompleted: mine.filter((r) => r.completedAt === undefined || r.status !== 200).length,
  };
}

function peakInFlight(results: StreamChatResult[]): number {
  return peakOverlap(
    results.flatMap((r) =>
      r.firstEventMs === undefined ? [] : [{ start: r.sentAt + r.firstEventMs, end: r.sentAt + r.totalMs }],
    ),
  );
}
