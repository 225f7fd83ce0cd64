import "server-only";

// MERGE: answerCost (lib/cost/answer-cost.ts) once the lead's cost is on main.
/** What tokens of `model` cost in USD at `at`; undefined for a model with no known price. */
export function usdOf(
  _tokens: { prompt: number; completion: number; cached?: number | undefined },
  _model: string,
  _at: Date,
): number | undefined {
  return undefined;
}
