import type { Dictionary } from "@/components/i18n/dictionary";
import type { CostData, Stats } from "@/lib/protocol/events";
import { formatCount, formatDuration, formatMoney, formatShare } from "./format";

/**
 * Tokens, timing and speed of one finished answer. Speed counts completion tokens over the time
 * the model was producing them (total − first byte), which is what a reader means by "fast".
 */
export function StatsLine({ stats, t }: { stats: Stats; t: Dictionary }) {
  const { tokens, timing_ms: timing } = stats;
  const streamingMs = timing.first_byte === null ? timing.total : timing.total - timing.first_byte;
  const speed = streamingMs > 0 && tokens.completion > 0 ? tokens.completion / (streamingMs / 1000) : null;

  const items: { key: string; text: string; title?: string }[] = [];
  // What it cost leads: in the reader's currency, both currencies and the prices' date on hover.
  if (stats.cost) items.push({ key: "cost", ...costText(stats.cost, t) });
  items.push(
    { key: "prompt", text: `${t.statsPrompt} ${formatCount(tokens.prompt)}` },
    { key: "completion", text: `${t.statsCompletion} ${formatCount(tokens.completion)}` },
    { key: "total", text: `${t.statsTotal} ${formatCount(tokens.total)} ${t.statsTokens}` },
  );
  if (tokens.reasoning !== undefined)
    items.push({ key: "reasoning", text: `${t.statsReasoning} ${formatCount(tokens.reasoning)}` });
  // The share of the prompt read from DeepSeek's cache: why an answer was cheap (a hit costs a
  // fiftieth of a miss). Answers saved before it was sent show the token count, as they did.
  if (stats.cache_hit_share !== undefined)
    items.push({
      key: "cached",
      text: `${t.statsCached} ${formatShare(stats.cache_hit_share)}`,
      title: t.statsCachedTitle(formatCount(tokens.cached ?? 0), formatCount(tokens.prompt)),
    });
  else if (tokens.cached !== undefined && tokens.cached > 0)
    items.push({ key: "cached", text: `${t.statsCached} ${formatCount(tokens.cached)}` });
  if (timing.first_byte !== null)
    items.push({ key: "first-byte", text: `${t.statsFirstByte} ${formatDuration(timing.first_byte)}` });
  items.push({ key: "time", text: `${t.statsTime} ${formatDuration(timing.total)}` });
  if (speed !== null) items.push({ key: "speed", text: `${speed.toFixed(1)} ${t.statsSpeed}` });
  if (stats.tool_calls > 0) items.push({ key: "tools", text: t.statsTools(stats.tool_calls) });

  return (
    <p
      data-testid="stats"
      className="flex flex-wrap gap-x-2 gap-y-0.5 text-[0.6875rem] text-neutral-500 tabular-nums dark:text-neutral-400"
    >
      {items.map((item, i) => (
        <span key={item.key} data-stat={item.key}>
          {i > 0 && (
            <span aria-hidden="true" className="mr-2 text-neutral-300 dark:text-neutral-600">
              ·
            </span>
          )}
          {item.title ? (
            // More on hover: dotted, as an abbreviation is.
            <span title={item.title} className="cursor-help underline decoration-dotted underline-offset-2">
              {item.text}
            </span>
          ) : (
            item.text
          )}
        </span>
      ))}
    </p>
  );
}

/** "$0.00033", with "$0.000332 · ¥0.0022 · prices as of 2026-11-15" for the hover. */
export function costText(cost: CostData, t: Dictionary): { text: string; title: string } {
  const currency = t.costCurrency === "cny" ? "cny" : "usd";
  const figure = formatMoney(cost[currency], currency);
  return {
    text: figure,
    title: `${formatMoney(cost.usd, "usd")} · ${formatMoney(cost.cny, "cny")} · ${t.pricesAsOf(cost.as_of)}`,
  };
}
