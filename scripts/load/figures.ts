// Small number helpers for the report: nearest-rank percentiles and a markdown table.

/** Nearest-rank percentile (p in 0..100) of unsorted samples; NaN when there are none. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

export function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export function mb(bytes: number): number {
  return round(bytes / 1_048_576);
}

export function markdownTable(header: [string, string], rows: [string, string | number][]): string {
  const cells = rows.map(([name, value]) => [name, String(value)]);
  const widths = [0, 1].map((i) =>
    Math.max(header[i]?.length ?? 0, ...cells.map((row) => row[i]?.length ?? 0)),
  );
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}

/**
 * The most intervals open at once. Ends sort before starts at the same instant, so touching
 * intervals do not count as overlapping.
 */
export function peakOverlap(intervals: { start: number; end: number }[]): number {
  const edges = intervals.flatMap(({ start, end }) => [
    { at: start, step: 1 },
    { at: end, step: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.step - b.step);
  let open = 0;
  let peak = 0;
  for (const edge of edges) {
    open += edge.step;
    peak = Math.max(peak, open);
  }
  return peak;
}
