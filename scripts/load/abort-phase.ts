import { Agent } from "node:http";
import type { RecordedRequest, Upstream } from "../../lib/testing/upstream/server";
import { mb, percentile, round } from "./figures";
import { chatBody, NONCE_PATTERN, nonce, phase2Request, variantKey } from "./load-mix";
import type { Prng } from "./prng";
import type { AppSnapshot } from "./process-probe";
import { type Settled, settle } from "./settle";
import { streamChat } from "./stream-chat";
import { completeStreamProblems, cutStreamProblems, type Reference } from "./stream-checks";

// Phase 2: requests one after another, about half cut by the client at a random moment, with the
// app's sockets, MCP children and memory read before and after, and the upstream's view of every
// cut: the app must have closed its provider call within a second.

export interface AbortFigures {
  planned: number;
  sent: number;
  /** Stopped early: the run's time budget ran out, or it was interrupted. */
  outOfTime: boolean;
  wallMs: number;
  completed: number;
  cut: number;
  /** A cut was planned but `done` came first. */
  finishedBeforeCut: number;
  errors: number;
  errorSamples: string[];
  completedTotalMs: { p50: number; p99: number };
  cutAfterMs: { p50: number; p99: number };
  /** Upstream calls of cut requests still open at the cut: how long after it they ended (closed or completed). */
  upstreamCloses: { openAtCut: number; p50Ms: number; p99Ms: number; maxMs: number; over1s: number };
  /** Upstream calls of cut requests that never ended (neither completed nor closed). */
  upstreamLeftOpen: number;
  /** Upstream calls that began after their request was cut (a tool round started for nobody). */
  upstreamStartedAfterCut: number;
  /** How late the latest of those arrived after its cut (the app had not seen the cut yet). */
  startedAfterCutMaxMs: number;
  cutsBeforeAnyUpstreamCall: number;
  before: Settled;
  after: Settled;
}

interface CutRecord {
  id: string;
  abortedAt: number;
}

function inFlight(upstream: Upstream): number {
  return upstream.requests.filter(
    (r) => r.status === 200 && r.completedAt === undefined && r.closedAt === undefined,
  ).length;
}

function byNonce(requests: RecordedRequest[]): Map<string, RecordedRequest[]> {
  const map = new Map<string, RecordedRequest[]>();
  for (const request of requests) {
    const messages = (request.body as { messages?: unknown } | null)?.messages;
    const id = NONCE_PATTERN.exec(JSON.stringify(messages ?? ""))?.[0];
    if (id) map.set(id, [...(map.get(id) ?? []), request]);
  }
  return map;
}

export async function runAbortPhase(options: {
  appUrl: URL;
  upstream: Upstream;
  references: Map<string, Reference>;
  prng: Prng;
  requests: number;
  requestTimeoutMs: number;
  /** performance.now() past which no new request starts. */
  deadline: number;
  /** Aborted on SIGINT/SIGTERM: no new request starts. */
  stop: AbortSignal;
  probe: () => AppSnapshot;
  log: (line: string) => void;
}): Promise<AbortFigures> {
  const { upstream, prng, log } = options;
  const before = await settle(options.probe, () => inFlight(upstream));
  log(`  before: settled=${before.settled} after ${before.waitedMs} ms`);
  const agent = new Agent({ keepAlive: false, maxSockets: 1 });
  const cuts: CutRecord[] = [];
  const errorSamples: string[] = [];
  const completedTotals: number[] = [];
  const cutAfter: number[] = [];
  let errors = 0;
  let finishedBeforeCut = 0;
  let sent = 0;
  const started = performance.now();
  for (
    let i = 0;
    i < options.requests && performance.now() < options.deadline && !options.stop.aborted;
    i++
  ) {
    const { variant, abort } = phase2Request(prng);
    const reference = options.references.get(variantKey(variant));
    if (!reference) throw new Error(`no reference for ${variantKey(variant)}`);
    const id = nonce("L2", i);
    const result = await streamChat({
      appUrl: options.appUrl,
      body: chatBody(variant, id),
      agent,
      timeoutMs: options.requestTimeoutMs,
      ...(abort && "afterMs" in abort ? { abortAfterMs: abort.afterMs } : {}),
      ...(abort && "afterEvents" in abort ? { abortAfterEvents: abort.afterEvents } : {}),
    });
    sent++;
    const wasCut = result.abortedAt !== undefined;
    const problems = wasCut
      ? cutStreamProblems(result, reference)
      : completeStreamProblems(result, reference);
    if (wasCut && result.abortedAt !== undefined) {
      cuts.push({ id, abortedAt: result.abortedAt });
      cutAfter.push(result.totalMs);
    } else {
      completedTotals.push(result.totalMs);
      if (abort) finishedBeforeCut++;
    }
    if (problems.length > 0) {
      errors++;
      if (errorSamples.length < 10) errorSamples.push(`${id} ${variantKey(variant)}: ${problems.join("; ")}`);
    }
    if ((i + 1) % 250 === 0) {
      const elapsed = ((performance.now() - started) / 1000).toFixed(1);
      const rss = mb(options.probe().rssBytes);
      log(
        `  ${i + 1}/${options.requests} requests, ${cuts.length} cut, ${errors} errors, ${elapsed} s, app RSS ${rss} MB`,
      );
    }
  }
  const wallMs = performance.now() - started;
  agent.destroy();

  const after = await settle(options.probe, () => inFlight(upstream));
  log(`  after: settled=${after.settled} after ${after.waitedMs} ms`);

  const recorded = byNonce(upstream.requests);
  const closeDelays: number[] = [];
  let upstreamLeftOpen = 0;
  let upstreamStartedAfterCut = 0;
  let startedAfterCutMaxMs = 0;
  let cutsBeforeAnyUpstreamCall = 0;
  for (const cut of cuts) {
    const calls = recorded.get(cut.id) ?? [];
    if (calls.every((call) => call.receivedAt > cut.abortedAt)) cutsBeforeAnyUpstreamCall++;
    for (const call of calls) {
      if (call.receivedAt > cut.abortedAt) {
        upstreamStartedAfterCut++;
        startedAfterCutMaxMs = Math.max(startedAfterCutMaxMs, call.receivedAt - cut.abortedAt);
      }
      // Completing counts as ending too, but only if it happened within the bound as well: a
      // provider call read to its end long after the client left is the leak we look for.
      const ends = [call.completedAt, call.closedAt].filter((at) => at !== undefined);
      if (ends.length === 0) upstreamLeftOpen++;
      else if (Math.min(...ends) > cut.abortedAt) closeDelays.push(Math.min(...ends) - cut.abortedAt);
    }
  }
  return {
    planned: options.requests,
    sent,
    outOfTime: sent < options.requests,
    wallMs: round(wallMs),
    completed: completedTotals.length,
    cut: cuts.length,
    finishedBeforeCut,
    errors,
    errorSamples,
    completedTotalMs: {
      p50: round(percentile(completedTotals, 50)),
      p99: round(percentile(completedTotals, 99)),
    },
    cutAfterMs: { p50: round(percentile(cutAfter, 50)), p99: round(percentile(cutAfter, 99)) },
    upstreamCloses: {
      openAtCut: closeDelays.length,
      p50Ms: percentile(closeDelays, 50),
      p99Ms: percentile(closeDelays, 99),
      maxMs: closeDelays.reduce((a, b) => Math.max(a, b), 0),
      over1s: closeDelays.filter((ms) => ms > 1000).length,
    },
    upstreamLeftOpen,
    upstreamStartedAfterCut,
    startedAfterCutMaxMs,
    cutsBeforeAnyUpstreamCall,
    before,
    after,
  };
}
