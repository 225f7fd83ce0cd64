// Small number formats shared by the tool cards and the stats line.

/** 850 → "850 ms", 1234 → "1.2 s", 75_000 → "1 min 15 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** Whole seconds for the reasoning title, at least 1 so a quick thought never says "0 s". */
export function wholeSeconds(ms: number): number {
  return Math.max(1, Math.round(ms / 1000));
}

const integer = new Intl.NumberFormat("en-US");

export function formatCount(n: number): string {
  return integer.format(n);
}

/** Pretty JSON for a tool's arguments or result; a plain string is shown as is. */
export function formatJson(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}
