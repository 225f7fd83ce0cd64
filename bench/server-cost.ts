import { Agent } from "undici";
import type { Endpoint } from "./endpoint";
import { PACED_DELAY_MS, type Plan } from "./plan";
import { type StreamResult, streamOnce } from "./sse-client";
import { perThousand, ratio, rotate, round, type Summary, summarize } from "./stats";
import { requestBody, type Target, WIRE_OF } from "./wires";

// Part 1: what each relay costs per chunk against the same upstream. Targets take turns within a
// round, in a different order each round, so drift in the machine's load spreads over all of them.

export type Mode = "fast" | "paced";

export interface CostFigures {
  streams: number;
  chunks: number;
  errors: number;
  cpuMsPer1000Chunks: number;
  /** The same figure per round, to see the noise. */
  cpuMsPer1000ChunksByRound: number[];
  bytesPerChunk: number;
  /** Against the raw pass-through and the AI SDK relay (null for those themselves). */
  cpuVsRaw: number | null;
  cpuVsAiSdk: number | null;
}

export interface FirstTokenFigures {
  streams: number;
  errors: number;
  firstByteMs: Summary;
  firstTokenMs: Summary;
  /** This target's p50 and p99 minus the raw pass-through's. */
  addedFirstTokenMs: { p50: number; p99: number };
}

export interface ServerCostResults {
  targets: Target[];
  firstToken: Record<string, FirstTokenFigures>;
  cost: Record<Mode, Record<string, CostFigures>>;
  errorSamples: string[];
}

interface Tally {
  cpuMicros: number;
  chunks: number;
  bytes: number;
  streams: number;
  errors: number;
  byRound: number[];
}

let sequence = 0;
const prompt = (target: Target, chunks: number, delayMs: number) =>
  `Write a long report #bench-${target}-${++sequence}# [[scenario:{"name":"long","chunks":${chunks},"delayMs":${delayMs}}]]`;

export async function runServerCost(
  endpoints: Endpoint[],
  plan: Plan,
  log: (line: string) => void,
  checkAlive: () => void,
): Promise<ServerCostResults> {
  const dispatcher = new Agent({ keepAliveTimeout: 30_000 });
  const errorSamples: string[] = [];
  const stream = (endpoint: Endpoint, chunks: number, delayMs: number) => {
    const wire = WIRE_OF[endpoint.target];
    return streamOnce({
      url: endpoint.url,
      wire,
      body: requestBody(wire, prompt(endpoint.target, chunks, delayMs), plan.model),
      dispatcher,
      timeoutMs: 60_000,
    }).then((result) => {
      if (result.failure && errorSamples.length < 10)
        errorSamples.push(`${endpoint.target}: ${result.failure}`);
      return result;
    });
  };
  const { server } = plan;
  const firsts = new Map<Target, StreamResult[]>();
  const tallies: Record<Mode, Map<Target, Tally>> = { fast: new Map(), paced: new Map() };
  const tally = (mode: Mode, target: Target): Tally => {
    let found = tallies[mode].get(target);
    if (!found) {
      found = { cpuMicros: 0, chunks: 0, bytes: 0, streams: 0, errors: 0, byRound: [] };
      tallies[mode].set(target, found);
    }
    return found;
  };
  const measure = async (mode: Mode, endpoint: Endpoint, run: () => Promise<StreamResult[]>) => {
    const before = await endpoint.cpuMicros();
    const results = await run();
    const cpu = (await endpoint.cpuMicros()) - before;
    const chunks = results.reduce((sum, r) => sum + r.tokens, 0);
    const t = tally(mode, endpoint.target);
    t.cpuMicros += cpu;
    t.chunks += chunks;
    t.bytes += results.reduce((sum, r) => sum + r.bytes, 0);
    t.streams += results.length;
    t.errors += results.filter((r) => r.failure).length;
    t.byRound.push(perThousand(cpu / 1000, chunks));
  };

  log("server: warming up every target (JIT, connections, module loading)");
  for (const endpoint of endpoints) {
    await stream(endpoint, server.fastChunks, 0);
    await Promise.all(Array.from({ length: 5 }, () => stream(endpoint, 20, PACED_DELAY_MS)));
  }
  errorSamples.length = 0;

  for (let roundIndex = 0; roundIndex < server.rounds; roundIndex++) {
    const order = rotate(endpoints, roundIndex);
    log(`server: round ${roundIndex + 1}/${server.rounds} (${order.map((e) => e.target).join(", ")})`);
    for (const endpoint of order) {
      checkAlive();
      const list = firsts.get(endpoint.target) ?? [];
      firsts.set(endpoint.target, list);
      for (let i = 0; i < server.firstTokenStreams; i++) list.push(await stream(endpoint, 20, 0));
      await measure("fast", endpoint, async () => {
        const results: StreamResult[] = [];
        for (let i = 0; i < server.fastStreams; i++)
          results.push(await stream(endpoint, server.fastChunks, 0));
        return results;
      });
      await measure("paced", endpoint, () =>
        Promise.all(
          Array.from({ length: server.pacedStreams }, () =>
            stream(endpoint, server.pacedChunks, PACED_DELAY_MS),
          ),
        ),
      );
    }
  }
  await dispatcher.close();

  const targets = endpoints.map((e) => e.target);
  const firstToken: Record<string, FirstTokenFigures> = {};
  for (const target of targets) {
    const results = firsts.get(target) ?? [];
    const ok = results.filter((r) => !r.failure);
    firstToken[target] = {
      streams: results.length,
      errors: results.length - ok.length,
      firstByteMs: summarize(ok.flatMap((r) => (r.firstByteMs === undefined ? [] : [r.firstByteMs]))),
      firstTokenMs: summarize(ok.flatMap((r) => (r.firstTokenMs === undefined ? [] : [r.firstTokenMs]))),
      addedFirstTokenMs: { p50: Number.NaN, p99: Number.NaN },
    };
  }
  const raw = firstToken.raw?.firstTokenMs;
  for (const figures of Object.values(firstToken)) {
    figures.addedFirstTokenMs = {
      p50: round(figures.firstTokenMs.p50 - (raw?.p50 ?? Number.NaN), 2),
      p99: round(figures.firstTokenMs.p99 - (raw?.p99 ?? Number.NaN), 2),
    };
  }

  const cost = { fast: {}, paced: {} } as Record<Mode, Record<string, CostFigures>>;
  for (const mode of ["fast", "paced"] as const) {
    for (const target of targets) {
      const t = tally(mode, target);
      cost[mode][target] = {
        streams: t.streams,
        chunks: t.chunks,
        errors: t.errors,
        cpuMsPer1000Chunks: perThousand(t.cpuMicros / 1000, t.chunks),
        cpuMsPer1000ChunksByRound: t.byRound,
        bytesPerChunk: t.chunks > 0 ? round(t.bytes / t.chunks, 1) : Number.NaN,
        cpuVsRaw: null,
        cpuVsAiSdk: null,
      };
    }
    for (const [target, figures] of Object.entries(cost[mode])) {
      if (target !== "raw")
        figures.cpuVsRaw = ratio(figures.cpuMsPer1000Chunks, cost[mode].raw?.cpuMsPer1000Chunks);
      if (target !== "raw" && target !== "ai-sdk")
        figures.cpuVsAiSdk = ratio(figures.cpuMsPer1000Chunks, cost[mode]["ai-sdk"]?.cpuMsPer1000Chunks);
    }
  }
  return { targets, firstToken, cost, errorSamples };
}
