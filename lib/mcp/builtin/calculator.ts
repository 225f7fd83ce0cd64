import "server-only";
import { formatNumber } from "./calculator-evaluator";
import { Parser } from "./calculator-parser";
import { ToolError } from "./tool-error";

// The calculate tool's work: the model sends whatever the user typed, so nothing here may reach
// eval/Function. The lexer (calculator-lexer.ts) reads tokens, the parser (calculator-parser.ts)
// the grammar, and the evaluator (calculator-evaluator.ts) gives each operation its value.

export const MAX_EXPRESSION_LENGTH = 1000;

export type Calculation = { expression: string; result: number };

/** Evaluates `expression`; throws ToolError naming the position of the first problem. */
export function evaluate(expression: string): number {
  if (expression.length > MAX_EXPRESSION_LENGTH) {
    throw new ToolError(
      "invalid_input",
      `the expression is ${expression.length} characters long; the limit is ${MAX_EXPRESSION_LENGTH}`,
    );
  }
  if (expression.trim() === "") throw new ToolError("invalid_input", "the expression is empty");
  return new Parser(expression).parse();
}

export function calculate(expression: string): Calculation {
  return { expression, result: formatNumber(evaluate(expression)) };
}
