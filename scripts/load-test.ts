import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { Agent } from "node:http";
import { cpus } from "node:os";
import { join } from "node:path";
import { type AppServer, startApp } from "../lib/testing/app-server";
import { type McpFixtures, startMcpFixtures } from "../lib/testing/mcp-fixtures";
import { startUpstream, type Upstream } from "../lib/testing/upstream/server";
import { type AbortFigures, runAbortPhase } from "./load/abort-phase";
import { type ConcurrentFigures, runConcurrentPhase } from "./load/concurrent-phase";
import { chatBody, expectedShape, nonce, VARIANTS, type Variant, variantKey } from "./load/load-mix";
import { abortChecks, type Check, concurrentChecks, LEAK_BOUNDS, reportTable } from "./load/load-report";
import { createPrng } from "./load/prng";
import { findListeningPid, snapshotApp } from "./load/process-probe";
import { streamChat } from "./load/stream-chat";
import { completeStreamProblems, type Reference, toReference } from "./load/stream-checks";
import { TrackedProcesses } from "./load/tracked-processes";

// `npm run test:load`: the built app under 300 concurrent streams, then 2,000 sequential
// requests with random client aborts, checking every stream against the protocol and the app for
// leaked sockets, MCP children, memory and provider calls. Loopback only; every loop is bounded.

const root = join(import.meta.dirname, "..");
const SEED = Number(process.env.LOAD_SEED ?? 20_260_505);
const CONCURRENT_STREAMS = 300;
const SEQUENTIAL_REQUESTS = 2_000;
// The whole run must fit ~3 minutes on two cores; phase 2 stops starting requests past this.
const RUN_BUDGET_MS = 165_000;

const log = (line: string) =>
  console.log(`[load ${(performance.now() / 1000).toFixed(1).padStart(5)}s] ${line}`);

const tracked = new TrackedProcesses();
const interrupted = new AbortController();
const closers: (() => Promise<void>)[] = [];
let cleaning: Promise<void> | undefined;

/** Idempotent: main's finally and the signal handlers may both get here. */
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    tracked.note();
    for (const close of closers.reverse()) await close().catch((error) => log(`cleanup: ${String(error)}`));
    const killed = await tracked.reap();
    if (killed.length > 0) log(`cleanup: SIGKILLed leftover processes ${killed.join(", ")}`);
  })();
  return cleaning;
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping`);
    interrupted.abort();
    void cleanup().finally(() => process.exit(130));
  });
}

async function referenceRuns(appUrl: URL, checks: Check[]): Promise<Map<string, Reference>> {
  const references = new Map<string, Reference>();
  const agent = new Agent({ keepAlive: false });
  for (const [i, variant] of VARIANTS.entries()) {
    const result = await streamChat({
      appUrl,
      body: chatBody(variant, nonce("R0", i)),
      agent,
      timeoutMs: 20_000,
    });
    const reference = toReference(result);
    // A reference must itself be right, or every comparison with it would prove nothing.
    const problems = completeStreamProblems(result, reference);
    const shape = expectedShape(variant);
    if (reference.shape.join() !== shape.join())
      problems.push(`shape ${reference.shape} instead of ${shape}`);
    if (reference.finishReason !== "stop" || reference.message === "") problems.push("no normal answer");
    checks.push({
      name: `reference ${variantKey(variant)}`,
      ok: problems.length === 0,
      detail: problems.join("; "),
    });
    references.set(variantKey(variant), reference);
  }
  agent.destroy();
  return references;
}

async function answersNormally(appUrl: URL, references: Map<string, Reference>): Promise<string[]> {
  const agent = new Agent({ keepAlive: false });
  const problems: string[] = [];
  const finals: Variant[] = [
    { scenario: "text", thinking: true },
    { scenario: "tool", thinking: true },
  ];
  for (const [i, variant] of finals.entries()) {
    const result = await streamChat({
      appUrl,
      body: chatBody(variant, nonce("F9", i)),
      agent,
      timeoutMs: 20_000,
    });
    const reference = references.get(variantKey(variant));
    if (reference) problems.push(...completeStreamProblems(result, reference));
  }
  agent.destroy();
  return problems;
}

async function main(): Promise<number> {
  if (!existsSync(join(root, ".next", "BUILD_ID"))) {
    console.error("The app is not built (.next/BUILD_ID is missing): run `npm run build` first.");
    return 1;
  }
  const runStarted = performance.now();
  const checks: Check[] = [];
  let p1: ConcurrentFigures | undefined;
  let p2: AbortFigures | undefined;
  try {
    log("starting the scripted upstream, the MCP fixtures and the built app");
    const upstream: Upstream = await startUpstream();
    closers.push(() => upstream.close());
    const fixtures: McpFixtures = await startMcpFixtures();
    closers.push(() => fixtures.close());
    tracked.note();
    const app: AppServer = await startApp({
      DEEPSEEK_API_KEY: "sk-test",
      DEEPSEEK_BASE_URL: upstream.url,
      MCP_CONFIG: fixtures.configPath,
      RATE_LIMIT_PER_MIN: "0",
      STOCK_QUOTE_BASE_URL: `${upstream.url}/quote`,
      // The fixtures' stdio server-everything expands ${E2E_GREETING}; unset, the app rejects that
      // server and never spawns it, and there would be no server-everything child to watch.
      E2E_GREETING: "hello from the load test",
    });
    closers.push(() => app.close());
    const appUrl = new URL(app.url);
    const appPid = findListeningPid(Number(appUrl.port));
    tracked.note();
    log(`app ${app.url} (pid ${appPid}), upstream ${upstream.url}, seed ${SEED}`);
    const probe = () => snapshotApp(appPid, Number(appUrl.port), upstream.port);

    log(`reference runs: ${VARIANTS.map(variantKey).join(", ")}`);
    const references = await referenceRuns(appUrl, checks);
    tracked.note();

    log(`phase 1: ${CONCURRENT_STREAMS} concurrent streams`);
    p1 = await runConcurrentPhase({
      appUrl,
      upstream,
      references,
      prng: createPrng(SEED),
      streams: CONCURRENT_STREAMS,
      timeoutMs: 60_000,
    });
    checks.push(...concurrentChecks(p1));
    log(`phase 1: ${p1.errors} errors in ${p1.wallMs} ms, ${p1.eventsPerSecond} events/s`);
    for (const sample of p1.errorSamples) log(`  ${sample}`);
    // Phase 1's bodies are checked; dropping them keeps the nonce lookups of phase 2 small.
    upstream.reset();

    log(`phase 2: ${SEQUENTIAL_REQUESTS} sequential requests with random cuts (settling first)`);
    p2 = await runAbortPhase({
      appUrl,
      upstream,
      references,
      prng: createPrng(SEED + 1),
      requests: SEQUENTIAL_REQUESTS,
      requestTimeoutMs: 15_000,
      deadline: runStarted + RUN_BUDGET_MS,
      stop: interrupted.signal,
      probe: () => {
        tracked.note();
        return probe();
      },
      log,
    });
    checks.push(...abortChecks(p2));
    for (const sample of p2.errorSamples) log(`  ${sample}`);

    const finalProblems = await answersNormally(appUrl, references);
    checks.push({
      name: "the app still answers normally",
      ok: finalProblems.length === 0,
      detail: finalProblems.join("; "),
    });
  } catch (error) {
    checks.push({ name: "the run itself", ok: false, detail: (error as Error).stack ?? String(error) });
  } finally {
    log("cleaning up");
    await cleanup();
  }

  const passed = checks.every((check) => check.ok);
  console.log(`\n${reportTable(p1, p2)}\n`);
  for (const check of checks)
    console.log(`${check.ok ? "PASS" : "FAIL"} ${check.name}${check.detail ? `: ${check.detail}` : ""}`);
  const seconds = ((performance.now() - runStarted) / 1000).toFixed(1);
  console.log(`\n${passed ? "PASSED" : "FAILED"} in ${seconds} s`);
  const results = join(root, "bench/results");
  mkdirSync(results, { recursive: true });
  const json = {
    passed,
    finishedAt: new Date().toISOString(),
    runSeconds: Number(seconds),
    seed: SEED,
    machine: { node: process.version, cpus: cpus().length },
    bounds: LEAK_BOUNDS,
    checks,
    phase1: p1,
    phase2: p2,
  };
  writeFileSync(join(results, "load-latest.json"), `${JSON.stringify(json, null, 2)}\n`);
  log("wrote bench/results/load-latest.json");
  return passed ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    void cleanup().finally(() => process.exit(1));
  },
);
