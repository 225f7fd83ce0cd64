import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import type { Browser } from "@playwright/test";
import { type AppServer, startApp } from "../lib/testing/app-server";
import { findListeningPid } from "../scripts/load/process-probe";
import { BenchChild } from "./bench-child";
import { type BundleFigures, measureBundle } from "./bundle";
import { type ClientResults, launchChromium, runClientRender } from "./client-render";
import { type ConcurrencyFigures, runConcurrency } from "./concurrency";
import { type Endpoint, processEndpoint, relayEndpoint } from "./endpoint";
import { makePlan } from "./plan";
import type { RelayKind } from "./relay-stats";
import {
  bundleTable,
  clientTable,
  concurrencyTable,
  serverTables,
  storageTables,
  targetsTable,
} from "./report";
import { runServerCost, type ServerCostResults } from "./server-cost";
import { runStorage, type StorageResults } from "./storage";
import { checkTargets } from "./targets";

// `npm run bench [-- --quick] [-- --only server,concurrency,storage,client,bundle]`: the server
// against a raw pass-through and the Vercel AI SDK, many paced streams at once, the store's cost
// (saving on and off, the sidebar at 10,000 conversations, on PGlite and PostgreSQL), the chat page
// in Chromium against the naive way and the raw-DOM limit, and the page's initial JavaScript. All on
// loopback, against the scripted upstream; every loop is bounded. Writes bench/results/latest.json
// and prints the tables. Exits 0 whether targets pass or not; non-zero only if the harness fails.

const root = join(import.meta.dirname, "..");
const PARTS = ["server", "concurrency", "storage", "client", "bundle"] as const;
type Part = (typeof PARTS)[number];

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const onlyArg =
  args.find((arg) => arg.startsWith("--only"))?.split("=")[1] ?? args[args.indexOf("--only") + 1];
const parts = new Set<Part>(
  args.includes("--only") || args.some((a) => a.startsWith("--only="))
    ? ((onlyArg ?? "").split(",") as Part[])
    : PARTS,
);
const plan = makePlan(quick);
const runStarted = performance.now();
const log = (line: string) =>
  console.log(`[bench ${((performance.now() - runStarted) / 1000).toFixed(1).padStart(5)}s] ${line}`);

const children: BenchChild[] = [];
/** What the storage part started (its apps, its PostgreSQL), closed on the way out. */
const closers: (() => Promise<void>)[] = [];
let app: AppServer | undefined;
let browser: Browser | undefined;

async function cleanup(): Promise<void> {
  await browser?.close().catch(() => {});
  browser = undefined;
  await app?.close();
  app = undefined;
  await Promise.all(closers.splice(0).map((close) => close().catch(() => {})));
  await Promise.all(children.splice(0).map((child) => child.close()));
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping`);
    void cleanup().finally(() => process.exit(130));
  });
}

function ensureBuilt(): void {
  if (existsSync(join(root, ".next", "BUILD_ID")) && existsSync(join(root, ".next", "start.mjs"))) return;
  log("the app is not built: running `npm run build` first (a few minutes)");
  const build = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) throw new Error("npm run build failed");
}

async function main(): Promise<number> {
  for (const part of parts)
    if (!PARTS.includes(part)) throw new Error(`unknown part "${part}" (${PARTS.join(", ")})`);
  log(
    `${quick ? "quick" : "full"} run: ${[...parts].join(", ")}; node ${process.version}, ${cpus().length} cores, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  const startLoad = loadavg();
  const needsApp = parts.has("server") || parts.has("client") || parts.has("bundle");
  if (needsApp || parts.has("storage")) ensureBuilt();

  log("starting the scripted upstream");
  const upstream = await BenchChild.start<string>(
    "upstream",
    join(import.meta.dirname, "upstream-process.ts"),
    [],
    {},
  );
  children.push(upstream.child);
  const env = {
    DEEPSEEK_BASE_URL: upstream.ready,
    DEEPSEEK_API_KEY: "sk-test",
    DEEPSEEK_MODELS: plan.model,
    DEEPSEEK_MODEL: plan.model,
  };

  const relays: { target: RelayKind; port: number; child: BenchChild }[] = [];
  if (parts.has("server") || parts.has("concurrency")) {
    // The floor relay only explains the server cost figures; the concurrency part leaves it out.
    const kinds: RelayKind[] = parts.has("server")
      ? ["raw", "ai-sdk", "ours", "floor"]
      : ["raw", "ai-sdk", "ours"];
    for (const target of kinds) {
      log(`starting the ${target} relay`);
      const relay = await BenchChild.start<number>(
        target,
        join(import.meta.dirname, "relay-process.ts"),
        [target],
        env,
      );
      children.push(relay.child);
      relays.push({ target, port: relay.ready, child: relay.child });
    }
  }
  const checkAlive = () => {
    for (const child of children) if (child.crashed) throw new Error(child.crashed);
  };

  if (needsApp) {
    log("starting the built app (npm start)");
    app = await startApp({ ...env, RATE_LIMIT_PER_MIN: "0" });
  }

  let server: ServerCostResults | undefined;
  let concurrency: ConcurrencyFigures[] | undefined;
  let client: ClientResults | undefined;
  let bundle: BundleFigures | undefined;
  let storage: StorageResults | undefined;
  const skipped: string[] = [];

  if (parts.has("server") && app) {
    const endpoints: Endpoint[] = relays.map((r) => relayEndpoint(r.target, r.port, r.child));
    endpoints.push(
      processEndpoint("next", `${app.url}/api/chat`, findListeningPid(Number(new URL(app.url).port))),
    );
    server = await runServerCost(endpoints, plan, log, checkAlive);
    for (const sample of server.errorSamples) log(`  error: ${sample}`);
  }
  if (parts.has("concurrency")) {
    concurrency = await runConcurrency(relays, upstream.child, plan, log);
    checkAlive();
  }
  // The relays are done: their processes would only take memory from the browser.
  await Promise.all(relays.map((r) => r.child.close()));
  if (parts.has("storage")) {
    storage = await runStorage(env, plan, log, (close) => closers.push(close));
    for (const sample of storage.errorSamples) log(`  error: ${sample}`);
    skipped.push(...storage.skipped);
    checkAlive();
  }

  if ((parts.has("client") || parts.has("bundle")) && app) {
    try {
      browser = await launchChromium();
    } catch (error) {
      skipped.push(
        `client and bundle: no Chromium (${(error as Error).message.split("\n")[0]}); run \`npm run browsers\``,
      );
    }
    if (browser && parts.has("bundle")) {
      log("bundle: loading the chat page");
      bundle = await measureBundle(browser, app.url);
      log(`  ${bundle.gzipKB} kB gzip in ${bundle.scripts} scripts`);
    }
    if (browser && parts.has("client")) {
      client = await runClientRender(browser, app.url, plan.client.chunks, plan.client.modes, log);
    }
  }
  await cleanup();

  const targets = checkTargets({ server, concurrency, storage, client, bundle });
  const seconds = Math.round((performance.now() - runStarted) / 100) / 10;
  const results = {
    version: 1,
    mode: quick ? "quick" : "full",
    finishedAt: new Date().toISOString(),
    runSeconds: seconds,
    machine: {
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      loadavgStart: startLoad,
      loadavgEnd: loadavg(),
    },
    plan,
    targets,
    server,
    concurrency,
    storage,
    client,
    bundle,
    skipped,
  };
  const dir = join(root, "bench/results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "latest.json"), `${JSON.stringify(results, null, 2)}\n`);

  const sections: string[] = [];
  if (server)
    sections.push(`### Server cost (${plan.server.rounds} interleaved rounds)\n\n${serverTables(server)}`);
  if (concurrency)
    sections.push(
      `### Concurrent paced streams (${plan.concurrency.chunks} chunks each at 50/s)\n\n${concurrencyTable(concurrency)}`,
    );
  if (storage) sections.push(`### Storage (PGlite and PostgreSQL)\n\n${storageTables(storage)}`);
  if (client) sections.push(`### Client render (${client.chunks} chunks)\n\n${clientTable(client)}`);
  if (bundle) sections.push(`### Initial JavaScript of the chat page\n\n${bundleTable(bundle)}`);
  sections.push(`### Targets\n\n${targetsTable(targets)}`);
  console.log(`\n${sections.join("\n\n")}\n`);
  for (const reason of skipped) console.log(`skipped: ${reason}`);
  const passed = targets.filter((t) => t.pass === true).length;
  const failed = targets.filter((t) => t.pass === false).length;
  console.log(
    `${passed} targets pass, ${failed} fail, ${targets.length - passed - failed} not measured; ${seconds} s; wrote bench/results/latest.json`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    console.error("The benchmark itself failed:", error);
    await cleanup();
    process.exit(1);
  },
);
