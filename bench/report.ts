import type { BundleFigures } from "./bundle";
import type { ClientResults } from "./client-render";
import type { ConcurrencyFigures } from "./concurrency";
import type { ServerCostResults } from "./server-cost";
import { ratio } from "./stats";
import type { StorageResults } from "./storage";
import type { TargetCheck } from "./targets";

// The markdown printed at the end of a run: one table per part, then the targets.

type Cell = string | number | null | undefined;

export function markdownTable(header: string[], rows: Cell[][]): string {
  const text = (cell: Cell) =>
    cell === null || cell === undefined || (typeof cell === "number" && Number.isNaN(cell))
      ? "–"
      : String(cell);
  const cells = rows.map((row) => row.map(text));
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]?.length ?? 0)));
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}

const times = (value: number | null | undefined) => (value == null ? null : `${value}×`);

const LABEL: Record<string, string> = {
  raw: "raw pass-through (limit)",
  "ai-sdk": "AI SDK relay",
  ours: "our agent loop",
  floor: "floor: SDK + parse + encode + web stream",
  next: "ours via npm start",
};

export function serverTables(server: ServerCostResults): string {
  const cost = markdownTable(
    ["relay", "mode", "CPU ms / 1,000 chunks", "× raw", "× AI SDK", "bytes / chunk", "streams", "errors"],
    (["fast", "paced"] as const).flatMap((mode) =>
      server.targets.map((target) => {
        const f = server.cost[mode][target];
        return [
          LABEL[target],
          mode,
          f?.cpuMsPer1000Chunks,
          times(f?.cpuVsRaw),
          times(f?.cpuVsAiSdk),
          f?.bytesPerChunk,
          f?.streams,
          f?.errors,
        ];
      }),
    ),
  );
  const first = markdownTable(
    ["relay", "first token p50 ms", "p99 ms", "added p50 ms", "added p99 ms", "first byte p50 ms", "streams"],
    server.targets.map((target) => {
      const f = server.firstToken[target];
      return [
        LABEL[target],
        f?.firstTokenMs.p50,
        f?.firstTokenMs.p99,
        target === "raw" ? null : f?.addedFirstTokenMs.p50,
        target === "raw" ? null : f?.addedFirstTokenMs.p99,
        f?.firstByteMs.p50,
        f?.streams,
      ];
    }),
  );
  return `${cost}\n\n${first}`;
}

export function concurrencyTable(figures: ConcurrencyFigures[]): string {
  return markdownTable(
    [
      "relay",
      "streams",
      "peak open",
      "errors",
      "added delay p50 ms",
      "p99 ms",
      "p99 × raw",
      "RSS / stream KiB",
      "loop delay p99 ms",
      "relay / upstream / client cores",
    ],
    figures.map((f) => [
      LABEL[f.target],
      f.streams,
      f.peakOpen,
      f.errors,
      f.addedDelayMs.p50,
      f.addedDelayMs.p99,
      times(f.delayP99VsRaw),
      f.rssPerStreamKiB,
      f.eventLoopDelayMs.p99,
      `${f.cpuCores} / ${f.upstreamCores} / ${f.clientCores}`,
    ]),
  );
}

export function clientTable(client: ClientResults): string {
  const label = {
    ours: "our chat page",
    naive: "naive React (origin example)",
    raw: "raw DOM append (limit)",
  };
  return markdownTable(
    [
      "page",
      "stream",
      "main thread ms",
      "× raw",
      "× naive",
      "longest task ms",
      "tasks > 50 ms",
      "frames > 50 ms",
      "wall ms",
    ],
    client.modes.flatMap(({ mode, pages }) =>
      (["ours", "naive", "raw"] as const).map((page) => {
        const f = pages[page];
        return [
          label[page],
          mode.name,
          f.mainThreadMs,
          times(ratio(f.mainThreadMs, pages.raw.mainThreadMs)),
          times(ratio(f.mainThreadMs, pages.naive.mainThreadMs)),
          f.longestTaskMs,
          f.tasksOver50Ms,
          f.framesOver50Ms,
          f.wallMs,
        ];
      }),
    ),
  );
}

export function bundleTable(bundle: BundleFigures): string {
  return markdownTable(
    [
      "initial JS gzip kB",
      "uncompressed kB",
      "transferred kB",
      "scripts",
      "highlighter loaded",
      "KaTeX loaded",
    ],
    [
      [
        bundle.gzipKB,
        bundle.rawKB,
        bundle.transferKB,
        bundle.scripts,
        bundle.highlighterLoaded ? "yes" : "no",
        bundle.mathLoaded ? "yes" : "no",
      ],
    ],
  );
}

export function targetsTable(checks: TargetCheck[]): string {
  return markdownTable(
    ["target", "measured", "limit", "result"],
    checks.map((c) => [
      c.description,
      c.measured === null ? null : `${c.measured} ${c.unit}`.trim(),
      `≤ ${c.limit} ${c.unit}`.trim(),
      c.pass === null ? "n/a" : c.pass ? "PASS" : "FAIL",
    ]),
  );
}

const DATABASE = { pglite: "PGlite", postgres: "PostgreSQL" } as const;

export function storageTables(storage: StorageResults): string {
  const saving = markdownTable(
    [
      "database",
      "saving",
      "CPU of",
      "CPU ms / answer",
      "on ÷ off",
      "by round",
      "first byte p50 ms",
      "p99 ms",
      "added p50 ms",
      "answers",
      "errors",
    ],
    storage.saving.flatMap((f) =>
      (["off", "on"] as const).map((mode) => [
        DATABASE[f.database],
        `${mode}, ${f.answerSeconds} s answers`,
        f.cpuOf,
        f.cpuMsPerAnswer[mode],
        mode === "on" ? times(f.cpuOnVsOff) : null,
        f.cpuMsPerAnswerByRound[mode].join(" / "),
        f.firstByteMs[mode].p50,
        f.firstByteMs[mode].p99,
        mode === "on" ? f.addedFirstByteP50Ms : null,
        f.answers[mode],
        f.errors[mode],
      ]),
    ),
  );
  const w = storage.writes;
  const writes = w
    ? markdownTable(
        ["write statements per stored answer", "bound", "by statement", "answers"],
        [
          [
            w.perAnswer,
            `${w.bound} (${w.boundText})`,
            Object.entries(w.byStatement)
              .map(([kind, n]) => `${kind} ${n}`)
              .join(", "),
            w.answers,
          ],
        ],
      )
    : "";
  const sidebar = markdownTable(
    [
      "database",
      "conversations",
      "fill s",
      "first page p50 ms",
      "p95 ms",
      "max ms",
      "reads",
      "errors",
      "data MiB",
      "app RSS MiB (first page / after reads)",
    ],
    storage.sidebar.map((f) => [
      DATABASE[f.database],
      f.conversations,
      f.fillSeconds,
      f.firstPageMs.p50,
      f.firstPageMs.p95,
      f.firstPageMs.max,
      f.reads,
      f.errors,
      f.dataMiB,
      `${f.rssMiB.firstPage} / ${f.rssMiB.afterReads}`,
    ]),
  );
  const search = markdownTable(
    [
      "database",
      "messages",
      "fill s",
      "query",
      "% of messages",
      "hits",
      "p50 ms",
      "p95 ms",
      "max ms",
      "reads",
      "errors",
    ],
    storage.search.flatMap((f) =>
      f.probes.map((probe) => [
        DATABASE[f.database],
        f.messages,
        f.fillSeconds,
        probe.query,
        probe.percentOfMessages,
        probe.hits,
        probe.ms.p50,
        probe.ms.p95,
        probe.ms.max,
        probe.reads,
        probe.errors,
      ]),
    ),
  );
  const p = storage.pages;
  const pages = p
    ? markdownTable(
        [
          "Chromium",
          "turns",
          "markdown KiB",
          "click → last message painted p50 ms",
          "max ms",
          "runs ms",
          "typing: keys (s), answer streaming throughout",
          "longest task ms",
          "tasks > 50 ms",
          "tree reloads while typing",
        ],
        [
          [
            "history pages",
            p.turns,
            p.markdownKiB,
            p.openMs.p50,
            p.openMs.max,
            p.openRunsMs.join(" / "),
            `${p.typing.keys} (${(p.typing.typingMs / 1000).toFixed(1)} s), ${p.typing.streamedThroughout ? "yes" : "no"}`,
            p.typing.longestTaskMs,
            p.typing.tasksOver50Ms,
            p.typing.treeReloads,
          ],
        ],
      )
    : "";
  return [saving, writes, sidebar, storage.search.length > 0 ? search : "", pages]
    .filter(Boolean)
    .join("\n\n");
}
