import { addCost } from "@/lib/cost/answer-cost";
import type { CostData, Stats } from "@/lib/protocol/events";

// What a conversation has cost so far: every answer's `end` stats summed, over all its branches
// (a regenerated answer was paid for too). Pure, so the header's figure is tested without a DOM.

export interface ConversationSpend {
  /** Absent when no answer had a known price: the header then shows nothing rather than $0. */
  cost?: CostData;
  /** Answers that ended with stats. */
  answers: number;
  /** Cache hits over prompt tokens, over the answers whose server reported hits. */
  cacheHitShare?: number;
}

interface WithStats {
  id: string;
  role: "user" | "assistant";
  stats?: Stats | undefined;
}

/** The messages of `path` (the live ones) and of `tree` that the path does not hold. */
export function conversationSpend(
  path: readonly WithStats[],
  tree: readonly WithStats[] = [],
): ConversationSpend | undefined {
  const seen = new Set<string>();
  let answers = 0;
  let cost: CostData | undefined;
  let prompt = 0;
  let cached = 0;
  const add = (message: WithStats) => {
    if (seen.has(message.id)) return;
    seen.add(message.id);
    const stats = message.role === "assistant" ? message.stats : undefined;
    if (!stats) return;
    answers++;
    if (stats.cost) cost = addCost(cost, stats.cost);
    if (stats.tokens.cached !== undefined) {
      prompt += stats.tokens.prompt;
      cached += stats.tokens.cached;
    }
  };
  for (const message of path) add(message);
  for (const message of tree) add(message);
  if (answers === 0) return undefined;
  return {
    answers,
    ...(cost ? { cost } : {}),
    ...(prompt > 0 ? { cacheHitShare: Math.min(1, cached / prompt) } : {}),
  };
}
