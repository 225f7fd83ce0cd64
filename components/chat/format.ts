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

/**
 * Containers deeper than this print as "…". A tool result is data someone else chose: nested a
 * few thousand levels, it would overflow JSON.stringify's stack (and String()'s, for arrays), and
 * even a depth it survives is indented quadratically (3,000 levels of `[` make 18 MB of spaces).
 */
export const JSON_DEPTH_LIMIT = 32;

/** Pretty JSON for a tool's arguments or result; a plain string is shown as is. Never throws. */
export function formatJson(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value, depthLimiter(JSON_DEPTH_LIMIT), 2) ?? String(value);
  } catch {
    // Not JSON data (a BigInt, a getter that throws): say what it is, do not format it.
    return Object.prototype.toString.call(value);
  }
}

/**
 * A JSON.stringify replacer that replaces containers deeper than `limit` with "…". The replacer
 * runs before stringify descends, so the recursion never goes past the limit. Depths are kept per
 * holder, the object whose property is being written (`this`); the root's holder is a wrapper.
 */
function depthLimiter(limit: number) {
  const depths = new WeakMap<object, number>();
  return function (this: unknown, _key: string, value: unknown): unknown {
    if (value === null || typeof value !== "object") return value;
    const depth = (typeof this === "object" && this !== null ? (depths.get(this) ?? 0) : 0) + 1;
    if (depth > limit) return "…";
    depths.set(value, depth);
    return value;
  };
}

/** A search hit's date: the time today, the day this year, else the full date. */
export function formatDay(at: number, locale: "en" | "zh", now: number): string {
  const date = new Date(at);
  const today = new Date(now);
  const tag = locale === "zh" ? "zh-CN" : "en-US";
  if (date.toDateString() === today.toDateString()) {
    return date.toLocaleTimeString(tag, { hour: "2-digit", minute: "2-digit", hour12: false });
  }
  const sameYear = date.getFullYear() === today.getFullYear();
  return date.toLocaleDateString(
    tag,
    sameYear ? { month: "short", day: "numeric" } : { dateStyle: "medium" },
  );
}

export { formatMoney, formatShare } from "@/lib/cost/format-money";
