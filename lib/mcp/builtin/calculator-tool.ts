import "server-only";
import type { McpServer, RegisteredTool } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { calculate, MAX_EXPRESSION_LENGTH } from "./calculator";
import { toolResult } from "./tool-result";

const calculationShape = {
  expression: z.string().describe("the expression as received"),
  result: z.number().describe("the value, rounded to 15 significant digits"),
};

/** calculate: arithmetic done exactly (calculator.ts) instead of in the model's head. */
export function registerCalculatorTool(server: McpServer): RegisteredTool {
  return server.registerTool(
    "calculate",
    {
      title: "Calculator",
      description:
        "Evaluates an arithmetic expression exactly; use it rather than doing arithmetic in your head. " +
        "Supports + - * / % (remainder), ^ or ** (power, right-associative; -2^2 = -4), parentheses, " +
        "× ÷ and full-width （） as typed in Chinese, constants pi and e, and functions sqrt abs round " +
        "(round(x, digits)) floor ceil sin cos tan asin acos atan (radians) log (base 10; log(x, base)) ln exp " +
        "min max pow. No variables, units or percent signs: write 15% of 80 as 0.15*80. Errors name the " +
        "position (1-based) of the problem. Returns JSON {expression, result}; result is rounded to 15 " +
        "significant digits.",
      inputSchema: {
        // Generous here so an over-long expression gets the evaluator's readable message instead.
        expression: z
          .string()
          .max(MAX_EXPRESSION_LENGTH * 10)
          .describe("arithmetic expression, e.g. (1+2)*3^2 or sqrt(2)/2"),
      },
      outputSchema: calculationShape,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ expression }) => toolResult(() => calculate(expression)),
  );
}
