import type { CostData, Stats, TokenStats } from "@/lib/protocol";
import type { UsageMeasures } from "./conversation-repository";

// An answer's usage row (the ledger: PROTOCOL.md sections 10, 16 and 17) from its `end` stats, or,
// for an answer stopped before `end` (its client went away), from what its rounds reported. A
// stored answer's and one that no conversation holds are written alike.

export type AnswerMeasures = Stats | { tokens: TokenStats; elapsedMs: number; cost: CostData | undefined };

export function usageMeasures(model: string, measures: AnswerMeasures): UsageMeasures {
  const { tokens } = measures;
  const timing =
    "timing_ms" in measures ? measures.timing_ms : { first_byte: null, total: measures.elapsedMs };
  return {
    model,
    promptTokens: tokens.prompt,
    ...(tokens.cached === undefined
      ? {}
      : { cacheHitTokens: tokens.cached, cacheMissTokens: Math.max(0, tokens.prompt - tokens.cached) }),
    completionTokens: tokens.completion,
    ...(tokens.reasoning === undefined ? {} : { reasoningTokens: tokens.reasoning }),
    totalTokens: tokens.total,
    firstByteMs: timing.first_byte,
    totalMs: timing.total,
    ...(measures.cost ? { costUsd: measures.cost.usd, costCny: measures.cost.cny } : {}),
  };
}
