import type { BudgetAmounts } from "@/lib/store/budget-repository";

// What an answer's next model round is expected to cost, held against its owner's budgets before
// the round runs (PROTOCOL.md section 17). It only has to be near: a round is never held more
// than what is left, and what the answer really used replaces the estimate when it settles.

/** Tokens per character of DeepSeek's tokenizer: about 0.3 for English, 0.6 for Chinese; the higher. */
export const TOKENS_PER_CHAR = 0.6;
/** The output a round is expected to write: the length of a typical answer with some reasoning. */
export const OUTPUT_ALLOWANCE = 1_000;

export interface TokenEstimate {
  prompt: number;
  completion: number;
}

/** A first round: the input's characters (text and recorded tool parts) and the output allowance. */
export function firstRoundEstimate(messages: readonly { content: string; parts?: unknown }[]): TokenEstimate {
  let chars = 0;
  for (const message of messages) {
    chars += message.content.length;
    if (message.parts !== undefined) chars += JSON.stringify(message.parts).length;
  }
  return { prompt: Math.ceil(chars * TOKENS_PER_CHAR), completion: OUTPUT_ALLOWANCE };
}

/** A later round reads what the last one read and wrote (its tool results aside), then writes anew. */
export function laterRoundEstimate(lastRound: { prompt: number; completion: number }): TokenEstimate {
  return { prompt: lastRound.prompt + lastRound.completion, completion: OUTPUT_ALLOWANCE };
}

/** The amounts held for an estimate: its tokens, and its price at cache-miss input (0 when unknown). */
export function estimateAmounts(estimate: TokenEstimate, usd: number | undefined): BudgetAmounts {
  return { tokens: estimate.prompt + estimate.completion, usd: usd ?? 0 };
}
