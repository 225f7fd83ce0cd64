import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { calculate, evaluate, MAX_EXPRESSION_LENGTH } from "./calculator";
import { formatNumber } from "./calculator-evaluator";
import { MAX_NESTING_DEPTH } from "./calculator-parser";
import { ToolError } from "./tool-error";

describe("calculate", () => {
  it.each<[string, number]>([
    // precedence and associativity
    ["1+2", 3],
    ["2+3*4", 14],
    ["(2+3)*4", 20],
    ["10-4-3", 3],
    ["100/10/5", 2],
    ["2*3/4", 1.5],
    ["2^3^2", 512],
    ["2**3**2", 512],
    ["2^3*2", 16],
    ["7%3", 1],
    ["-7%3", -1],
    ["1+7%3*2", 3],
    // unary minus binds looser than power
    ["-2^2", -4],
    ["(-2)^2", 4],
    ["2^-1", 0.5],
    ["-3*-3", 9],
    ["--5", 5],
    ["+5", 5],
    ["1 - -1", 2],
    // numbers
    ["1.5e3", 1500],
    ["1e-3*1000", 1],
    ["2E+2", 200],
    [".5+.25", 0.75],
    ["0.1+0.2", 0.3],
    ["1/3", 1 / 3],
    // functions and constants
    ["sqrt(16)", 4],
    ["abs(-3.5)", 3.5],
    ["round(2.5)", 3],
    ["round(-2.5)", -3],
    ["round(3.14159, 2)", 3.14],
    ["round(1.005, 2)", 1.01],
    ["round(1234, -2)", 1200],
    ["floor(-1.5)", -2],
    ["ceil(1.2)", 2],
    ["sin(pi/2)", 1],
    ["cos(0)", 1],
    ["tan(0)", 0],
    ["asin(1)*2", Math.PI],
    ["acos(1)", 0],
    ["atan(1)*4", Math.PI],
    ["log(1000)", 3],
    ["log(8, 2)", 3],
    ["ln(e)", 1],
    ["exp(0)", 1],
    ["min(3, 1, 2)", 1],
    ["max(3, 1, 2)", 3],
    ["pow(2, 10)", 1024],
    ["sqrt(2)^2", 2],
    ["max(1, min(5, 2^2))", 4],
    ["PI", Math.PI],
    ["π*2", 2 * Math.PI],
    ["Sqrt(4)", 2],
    // as typed with a Chinese keyboard
    ["3×4÷2", 6],
    ["（1+2）×3", 9],
    ["２＋３", 5],
    ["max（1，2）", 2],
    // tolerated noise
    ["  1 +   2  ", 3],
    ["1+2=", 3],
  ])("%s = %s", (expression, expected) => {
    expect(calculate(expression)).toStrictEqual({ expression, result: formatNumber(expected) });
  });

  it.each<[string, string]>([
    ["", "the expression is empty"],
    ["   ", "the expression is empty"],
    ["(1 + 2))", "unexpected ')' at position 8"],
    ["1 +", "unexpected end of expression at position 4"],
    ["*2", "unexpected '*' at position 1"],
    ["(1+2", "missing ')' for the '(' at position 1"],
    ["（1+2", "missing ')' for the '（' at position 1"],
    ["()", "unexpected ')' at position 2"],
    ["2 3", "missing operator before '3' at position 3"],
    ["2pi", "missing operator before 'pi' at position 2"],
    ["2(3)", "missing operator before '(' at position 2"],
    ["1,000", "unexpected ',' at position 2; write numbers without thousands separators"],
    ["1 $ 2", "unexpected character '$' at position 3"],
    ["1=2", "'=' at position 2 may only end the expression; there are no equations or variables"],
    ["x+1", "unknown name 'x' at position 1"],
    ["foo(1)", "unknown name 'foo' at position 1"],
    ["sqrt", "'sqrt' at position 1 is a function; write sqrt(…)"],
    ["pi(2)", "'pi' at position 1 is a constant, not a function"],
    ["sqrt(1, 2)", "sqrt() at position 1 takes 1 argument, got 2"],
    ["pow(2)", "pow() at position 1 takes 2 arguments, got 1"],
    ["round()", "round() at position 1 takes 1 or 2 arguments, got 0"],
    ["min()", "min() at position 1 takes at least 1 argument, got 0"],
    ["1/0", "division by zero at position 2"],
    ["1/(2-2)", "division by zero at position 2"],
    ["5 % 0", "modulo by zero at position 3"],
    ["sqrt(-1)", "sqrt(-1) at position 1 is not a real number"],
    ["ln(0)", "the result of 'ln' at position 1 is infinite (the number is too large)"],
    ["10^400", "the result of '^' at position 3 is infinite (the number is too large)"],
    ["1e308*10", "the result of '*' at position 6 is infinite (the number is too large)"],
    ["(-8)^(1/3)", "the result of '^' at position 5 is not a real number"],
    ["1e999", "the number '1e999' at position 1 is too large"],
    ["round(1.5, 0.5)", "round(1.5, 0.5) at position 1 is not a real number"],
    // nothing reaches JavaScript: names only resolve through the calculator's own tables
    ["constructor", "unknown name 'constructor' at position 1"],
    ["__proto__", "unknown name '__proto__' at position 1"],
    ["toString()", "unknown name 'toString' at position 1"],
    ["process.exit()", "unknown name 'process' at position 1"],
    ["require('fs')", "unknown name 'require' at position 1"],
    ["Math.PI", "unknown name 'Math' at position 1"],
    ["globalThis", "unknown name 'globalThis' at position 1"],
    ["1; 2", "unexpected character ';' at position 2"],
    ['"1"+1', "unexpected character '\"' at position 1"],
    ["[1]", "unexpected character '[' at position 1"],
    ["`1`", "unexpected character '`' at position 1"],
    ["1 && 2", "unexpected character '&' at position 3"],
  ])("%j fails: %s", (expression, message) => {
    let error: unknown;
    try {
      calculate(expression);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ToolError);
    expect((error as ToolError).message).toBe(message);
  });

  it("classifies input errors apart from arithmetic ones", () => {
    expect(() => evaluate("1/0")).toThrow(expect.objectContaining({ kind: "math" }));
    expect(() => evaluate("1 +")).toThrow(expect.objectContaining({ kind: "invalid_input" }));
  });

  it("limits the length", () => {
    const atLimit = `${"1+".repeat(MAX_EXPRESSION_LENGTH / 2 - 1)}1 `;
    expect(atLimit.length).toBe(MAX_EXPRESSION_LENGTH);
    expect(evaluate(atLimit)).toBe(MAX_EXPRESSION_LENGTH / 2);
    expect(() => evaluate(`${atLimit}+`)).toThrow(
      `the expression is ${MAX_EXPRESSION_LENGTH + 1} characters long; the limit is ${MAX_EXPRESSION_LENGTH}`,
    );
  });

  it("limits the nesting depth", () => {
    const nested = (n: number) => `${"(".repeat(n)}1${")".repeat(n)}`;
    expect(evaluate(nested(MAX_NESTING_DEPTH))).toBe(1);
    expect(() => evaluate(nested(MAX_NESTING_DEPTH + 1))).toThrow(
      `the expression nests deeper than ${MAX_NESTING_DEPTH} levels at position ${MAX_NESTING_DEPTH + 1}`,
    );
    expect(evaluate(`${"-".repeat(MAX_NESTING_DEPTH)}1`)).toBe(1);
    expect(() => evaluate(`${"-".repeat(MAX_NESTING_DEPTH + 1)}1`)).toThrow(/nests deeper/);
    expect(() => evaluate(`2${"^2".repeat(MAX_NESTING_DEPTH + 1)}`)).toThrow(/nests deeper/);
  });

  it.each(["calculator.ts", "calculator-lexer.ts", "calculator-parser.ts", "calculator-evaluator.ts"])(
    "has no eval or Function in %s",
    (file) => {
      const source = readFileSync(new URL(`./${file}`, import.meta.url), "utf8");
      expect(source).not.toMatch(/\beval\s*\(|\bFunction\s*\(/);
    },
  );
});

describe("evaluate and formatNumber", () => {
  it("evaluate keeps the raw double; formatNumber removes the float noise", () => {
    expect(evaluate("0.1+0.2")).toBe(0.30000000000000004);
    expect(formatNumber(0.30000000000000004)).toBe(0.3);
    expect(formatNumber(1 / 3)).toBe(0.333333333333333);
    expect(formatNumber(2 ** 60)).toBe(1.15292150460685e18);
    expect(formatNumber(1e-20)).toBe(1e-20);
    expect(Object.is(formatNumber(-0), 0)).toBe(true);
    expect(Object.is(calculate("-0").result, 0)).toBe(true);
  });
});
