import type { CostData, Stats } from "@/lib/protocol/events";

// Stats come back from IndexedDB and the server as they were stored, possibly by another version
// or damaged: figures summed over a whole conversation (the header's cost, the composer's gauge)
// read only those whose numbers are there, so one odd message cannot take the chat screen down.

const isCount = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

/** The token counts the sums read are numbers. */
export function isReadableStats(stats: unknown): stats is Stats {
  if (typeof stats !== "object" || stats === null || !("tokens" in stats)) return false;
  const { tokens } = stats;
  if (typeof tokens !== "object" || tokens === null) return false;
  return "prompt" in tokens && "completion" in tokens && isCount(tokens.prompt) && isCount(tokens.completion);
}

export function readableCost(stats: Stats): CostData | undefined {
  const cost: unknown = stats.cost;
  if (typeof cost !== "object" || cost === null || !("usd" in cost && "cny" in cost && "as_of" in cost)) {
    return undefined;
  }
  const { usd, cny, as_of } = cost;
  return isCount(usd) && isCount(cny) && typeof as_of === "string" ? { usd, cny, as_of } : undefined;
}
