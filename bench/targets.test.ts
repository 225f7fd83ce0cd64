import { describe, expect, it } from "vitest";
import type { ServerCostResults } from "./server-cost";
import type { StorageResults } from "./storage";
import { checkTargets } from "./targets";

const cost = (cpuVsRaw: number, cpuVsAiSdk: number) => ({
  streams: 1,
  chunks: 1,
  errors: 0,
  cpuMsPer1000Chunks: 1,
  cpuMsPer1000ChunksByRound: [],
  bytesPerChunk: 1,
  cpuVsRaw,
  cpuVsAiSdk,
});

const server = {
  targets: ["raw", "ai-sdk", "ours"],
  firstToken: {
    ours: {
      streams: 10,
      errors: 0,
      firstByteMs: { n: 10, p50: 1, p99: 1, max: 1 },
      firstTokenMs: { n: 10, p50: 9, p99: 12, max: 12 },
      addedFirstTokenMs: { p50: 5.5, p99: 7 },
    },
  },
  cost: { fast: { ours: cost(1.5, 0.4) }, paced: { ours: cost(2, 0.6) } },
  errorSamples: [],
} as ServerCostResults;

describe("checkTargets", () => {
  const checks = checkTargets({ server });
  const byId = (id: string) => checks.find((check) => check.id === id);

  it("passes a figure at the limit and fails one above it", () => {
    expect(byId("server-cpu-vs-raw-fast")?.pass).toBe(true);
    expect(byId("server-cpu-vs-raw-paced")?.pass).toBe(false);
    expect(byId("server-cpu-vs-ai-sdk-paced")?.pass).toBe(true);
    expect(byId("first-token-added-p50")).toMatchObject({ measured: 5.5, limit: 5, pass: false });
  });

  it("reports what was not measured as n/a (null), never as a pass", () => {
    expect(byId("concurrency-delay-p99")).toMatchObject({ measured: null, pass: null });
    expect(byId("client-longest-task")?.pass).toBeNull();
    expect(byId("bundle-highlighter-lazy")?.pass).toBeNull();
  });

  it("checks every target of the issue", () => {
    expect(checks.map((check) => check.id)).toHaveLength(29);
  });

  it("turns the lazy-loading flags into 0/1 figures", () => {
    const bundle = {
      scripts: 3,
      gzipKB: 170,
      rawKB: 500,
      transferKB: 170,
      highlighterLoaded: true,
      mathLoaded: false,
      files: [],
    };
    const flags = checkTargets({ bundle });
    expect(flags.find((c) => c.id === "bundle-highlighter-lazy")).toMatchObject({ measured: 1, pass: false });
    expect(flags.find((c) => c.id === "bundle-math-lazy")).toMatchObject({ measured: 0, pass: true });
    expect(flags.find((c) => c.id === "bundle-initial-js")?.pass).toBe(true);
  });
});

describe("storage targets", () => {
  const saving = (database: "pglite" | "postgres", cpuOnVsOff: number, added: number) =>
    ({ database, cpuOnVsOff, addedFirstByteP50Ms: added }) as StorageResults["saving"][number];
  const sidebar = (database: "pglite" | "postgres", p95: number) =>
    ({ database, firstPageMs: { p95 } }) as StorageResults["sidebar"][number];
  const probe = (name: "rare" | "chinese" | "english", p95: number) =>
    ({
      name,
      query: name,
      percentOfMessages: 4,
      ms: { p95 },
    }) as StorageResults["search"][number]["probes"][number];
  const search = (database: "pglite" | "postgres", p95s: [number, number, number]) => ({
    database,
    messages: 200_000,
    fillSeconds: 100,
    probes: [probe("rare", p95s[0]), probe("chinese", p95s[1]), probe("english", p95s[2])],
  });
  const storage = {
    saving: [saving("pglite", 1.08, 6), saving("postgres", 1.2, 1)],
    search: [search("pglite", [40, 200, 201]), search("postgres", [250, 10, 10])],
    writes: { answers: 5, perAnswer: 10, byStatement: {}, bound: 10, boundText: "…" },
    sidebar: [sidebar("pglite", 12), sidebar("postgres", 51)],
    pages: {
      turns: 300,
      markdownKiB: 2_068,
      openMs: { n: 3, p50: 480, p99: 700, max: 700 },
      openRunsMs: [480, 700, 450],
      typing: {
        keys: 60,
        answerChunks: 500,
        longestTaskMs: 51,
        tasksOver50Ms: 1,
        tasks: 900,
        treeReloads: 0,
        typingMs: 3_100,
        streamedThroughout: true,
      },
    },
    skipped: [],
    errorSamples: [],
  } satisfies StorageResults;
  const pass = (id: string) => checkTargets({ storage }).find((c) => c.id === id)?.pass;

  it("checks saving's CPU and first byte on each database", () => {
    expect(pass("storage-saving-cpu-pglite")).toBe(true);
    expect(pass("storage-saving-first-byte-pglite")).toBe(false);
    expect(pass("storage-saving-cpu-postgres")).toBe(false);
    expect(pass("storage-saving-first-byte-postgres")).toBe(true);
  });

  it("checks the writes against their bound and the sidebar's p95", () => {
    expect(pass("storage-writes-per-answer")).toBe(true);
    expect(pass("storage-sidebar-p95-pglite")).toBe(true);
    expect(pass("storage-sidebar-p95-postgres")).toBe(false);
  });

  it("checks search's p95 for each probe on each database against 200 ms", () => {
    expect(pass("storage-search-rare-pglite")).toBe(true);
    expect(pass("storage-search-chinese-pglite")).toBe(true);
    expect(pass("storage-search-english-pglite")).toBe(false);
    expect(pass("storage-search-rare-postgres")).toBe(false);
    expect(pass("storage-search-english-postgres")).toBe(true);
    const described = checkTargets({ storage }).find((c) => c.id === "storage-search-chinese-pglite");
    expect(described?.description).toContain("200,000 messages");
  });

  it("checks the long conversation's open by its median and typing by its longest task", () => {
    expect(pass("storage-open-long-conversation")).toBe(true);
    expect(pass("storage-typing-longest-task")).toBe(false);
  });

  it("is not measured without the storage part", () => {
    const checks = checkTargets({}).filter((c) => c.id.startsWith("storage-"));
    expect(checks).toHaveLength(15);
    expect(checks.every((c) => c.pass === null)).toBe(true);
  });
});
