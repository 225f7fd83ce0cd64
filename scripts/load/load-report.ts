import type { AbortFigures } from "./abort-phase";
import type { ConcurrentFigures } from "./concurrent-phase";
import { markdownTable, mb } from "./figures";

// The verdicts and the figures table of a load run: each phase's figures turned into pass/fail
// checks against the bounds below, and one markdown table for people.

/** Phase 2's leak bounds: growth allowed from the reading before the phase to the one after it. */
export const LEAK_BOUNDS = { socketGrowth: 10, rssGrowthBytes: 150 * 1_048_576, upstreamCloseMs: 1_000 };

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export function concurrentChecks(p1: ConcurrentFigures): Check[] {
  return [
    {
      name: "phase 1: every stream correct",
      ok: p1.errors === 0,
      detail: `${p1.errors} of ${p1.streams} wrong`,
    },
    {
      name: "phase 1: every upstream call completed",
      ok: p1.upstreamNotCompleted === 0,
      detail: `${p1.upstreamNotCompleted} of ${p1.upstreamRequests} not completed`,
    },
  ];
}

export function abortChecks(p2: AbortFigures): Check[] {
  const before = p2.before.snapshot;
  const after = p2.after.snapshot;
  return [
    { name: "phase 2: all requests sent", ok: !p2.outOfTime, detail: `${p2.sent} of ${p2.planned}` },
    {
      name: "phase 2: every stream correct",
      ok: p2.errors === 0,
      detail: `${p2.errors} of ${p2.sent} wrong`,
    },
    {
      name: `phase 2: socket fds after <= before + ${LEAK_BOUNDS.socketGrowth}`,
      ok: after.sockets <= before.sockets + LEAK_BOUNDS.socketGrowth,
      detail: `${before.sockets} -> ${after.sockets}`,
    },
    {
      name: `phase 2: TCP sockets after <= before + ${LEAK_BOUNDS.socketGrowth}`,
      ok: after.tcp.total <= before.tcp.total + LEAK_BOUNDS.socketGrowth,
      detail: `${before.tcp.total} -> ${after.tcp.total} (CLOSE_WAIT ${after.tcp.closeWait})`,
    },
    {
      name: "phase 2: MCP children after == before",
      ok: after.mcpChildren.length === before.mcpChildren.length,
      detail: `${before.mcpChildren.length} [${before.mcpChildren}] -> ${after.mcpChildren.length} [${after.mcpChildren}]`,
    },
    {
      name: `phase 2: RSS after <= before + ${mb(LEAK_BOUNDS.rssGrowthBytes)} MB`,
      ok: after.rssBytes <= before.rssBytes + LEAK_BOUNDS.rssGrowthBytes,
      detail: `${mb(before.rssBytes)} MB -> ${mb(after.rssBytes)} MB`,
    },
    {
      name: `phase 2: every cut's upstream call ended within ${LEAK_BOUNDS.upstreamCloseMs} ms`,
      ok: p2.upstreamLeftOpen === 0 && p2.upstreamCloses.maxMs <= LEAK_BOUNDS.upstreamCloseMs,
      detail: `${p2.upstreamCloses.openAtCut} open at the cut, max ${p2.upstreamCloses.maxMs} ms, ${p2.upstreamLeftOpen} never ended`,
    },
    {
      name: "phase 2: no upstream connection left",
      ok: after.upstreamConnections === 0 && after.tcp.toUpstream === 0,
      detail: `upstream sees ${after.upstreamConnections}, app holds ${after.tcp.toUpstream}`,
    },
  ];
}

export function reportTable(p1: ConcurrentFigures | undefined, p2: AbortFigures | undefined): string {
  const rows: [string, string | number][] = [];
  if (p1) {
    rows.push(
      [
        "phase 1 streams (concurrent)",
        `${p1.streams} (${Object.entries(p1.mix)
          .map(([k, n]) => `${k} ${n}`)
          .join(", ")})`,
      ],
      ["phase 1 errors", p1.errors],
      ["phase 1 wall time", `${p1.wallMs} ms`],
      [
        "phase 1 first event p50 / p99 / max",
        `${p1.firstEventMs.p50} / ${p1.firstEventMs.p99} / ${p1.firstEventMs.max} ms`,
      ],
      [
        "phase 1 stream total p50 / p99 / max",
        `${p1.totalMs.p50} / ${p1.totalMs.p99} / ${p1.totalMs.max} ms`,
      ],
      ["phase 1 peak streams in flight (first event to done)", p1.peakInFlight],
      ["phase 1 events (excl. done)", p1.events],
      ["phase 1 events/s overall", p1.eventsPerSecond],
    );
  }
  if (p2) {
    const [b, a] = [p2.before.snapshot, p2.after.snapshot];
    const closes = p2.upstreamCloses;
    rows.push(
      ["phase 2 requests sent (sequential)", `${p2.sent} of ${p2.planned} in ${p2.wallMs} ms`],
      [
        "phase 2 completed / cut / cut planned but done first",
        `${p2.completed} / ${p2.cut} / ${p2.finishedBeforeCut}`,
      ],
      ["phase 2 errors", p2.errors],
      ["phase 2 completed total p50 / p99", `${p2.completedTotalMs.p50} / ${p2.completedTotalMs.p99} ms`],
      ["phase 2 cut after p50 / p99", `${p2.cutAfterMs.p50} / ${p2.cutAfterMs.p99} ms`],
      ["phase 2 upstream calls open at a cut", closes.openAtCut],
      [
        "phase 2 their end after the cut p50 / p99 / max",
        `${closes.p50Ms} / ${closes.p99Ms} / ${closes.maxMs} ms`,
      ],
      ["phase 2 upstream calls never ended", p2.upstreamLeftOpen],
      [
        "phase 2 upstream calls begun after their cut (latest)",
        `${p2.upstreamStartedAfterCut} (${p2.startedAfterCutMaxMs} ms after)`,
      ],
      ["phase 2 cuts before any upstream call", p2.cutsBeforeAnyUpstreamCall],
      ["app socket fds before / after", `${b.sockets} / ${a.sockets}`],
      ["app TCP sockets before / after", `${b.tcp.total} / ${a.tcp.total}`],
      [
        "app TCP after: listen / clients / upstream / other",
        `${a.tcp.listen} / ${a.tcp.fromClients} / ${a.tcp.toUpstream} / ${a.tcp.other}`,
      ],
      ["app MCP children before / after", `${b.mcpChildren.length} / ${a.mcpChildren.length}`],
      [
        "app RSS before / after",
        `${mb(b.rssBytes)} / ${mb(a.rssBytes)} MB (+${mb(a.rssBytes - b.rssBytes)})`,
      ],
      ["upstream open connections before / after", `${b.upstreamConnections} / ${a.upstreamConnections}`],
      [
        "settle before / after",
        `${p2.before.waitedMs} ms (${p2.before.settled ? "settled" : "timed out"}) / ${p2.after.waitedMs} ms (${p2.after.settled ? "settled" : "timed out"})`,
      ],
    );
  }
  return markdownTable(["figure", "value"], rows);
}
