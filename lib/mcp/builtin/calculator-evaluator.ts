import "server-only";
import type { Token } from "./calculator-lexer";
import { syntax } from "./calculator-lexer";
import { ToolError } from "./tool-error";

// What the calculator's values mean: its operators, constants and functions, and every
// arithmetic failure. The parser (calculator-parser.ts) hands each operation here as soon as it
// has read its operands, so a problem is reported where it stands, leftmost first. Names resolve
// only through the two Maps below, never through object properties (`constructor`, `__proto__`).

interface MathFunction {
  min: number;
  max: number;
  apply: (args: number[]) => number;
}

const CONSTANTS = new Map<string, number>([
  ["pi", Math.PI],
  ["π", Math.PI],
  ["e", Math.E],
]);

const unary = (fn: (x: number) => number): MathFunction => ({
  min: 1,
  max: 1,
  apply: (a) => fn(a[0] ?? Number.NaN),
});

const FUNCTIONS = new Map<string, MathFunction>([
  ["sqrt", unary(Math.sqrt)],
  ["abs", unary(Math.abs)],
  ["round", { min: 1, max: 2, apply: ([x = Number.NaN, digits = 0]) => roundTo(x, digits) }],
  ["floor", unary(Math.floor)],
  ["ceil", unary(Math.ceil)],
  ["sin", unary(Math.sin)],
  ["cos", unary(Math.cos)],
  ["tan", unary(Math.tan)],
  ["asin", unary(Math.asin)],
  ["acos", unary(Math.acos)],
  ["atan", unary(Math.atan)],
  [
    "log",
    {
      min: 1,
      max: 2,
      apply: ([x = Number.NaN, base]) => (base === undefined ? Math.log10(x) : Math.log(x) / Math.log(base)),
    },
  ],
  ["ln", unary(Math.log)],
  ["exp", unary(Math.exp)],
  ["min", { min: 1, max: Number.POSITIVE_INFINITY, apply: (a) => Math.min(...a) }],
  ["max", { min: 1, max: Number.POSITIVE_INFINITY, apply: (a) => Math.max(...a) }],
  ["pow", { min: 2, max: 2, apply: ([x = Number.NaN, y = Number.NaN]) => x ** y }],
]);

/**
 * Rounds to 15 significant digits, which removes binary floating-point noise (0.1 + 0.2 →
 * 0.3) without hiding any digit a double really carries.
 */
export function formatNumber(value: number): number {
  if (value === 0) return 0; // also turns -0 into 0
  return Number(value.toPrecision(15));
}

/** Whether `name` is a constant or a function: checked before the parser reads on. */
export function isKnownName(name: Token): boolean {
  return CONSTANTS.has(name.key) || FUNCTIONS.has(name.key);
}

export function constantValue(name: Token): number {
  const value = CONSTANTS.get(name.key);
  if (value !== undefined) return value;
  throw syntax(`'${name.text}' at position ${name.pos} is a function; write ${name.key}(…)`);
}

/** The function `name` calls, looked up before its arguments are read. */
export function functionNamed(name: Token): MathFunction {
  const fn = FUNCTIONS.get(name.key);
  if (fn) return fn;
  throw syntax(`'${name.text}' at position ${name.pos} is a constant, not a function`);
}

export function callFunction(name: Token, fn: MathFunction, args: number[]): number {
  if (args.length < fn.min || args.length > fn.max) {
    const variadic = fn.max === Number.POSITIVE_INFINITY;
    const wanted = variadic
      ? `at least ${fn.min}`
      : fn.min === fn.max
        ? `${fn.min}`
        : `${fn.min} or ${fn.max}`;
    const plural = (variadic || fn.min === fn.max ? fn.min : fn.max) !== 1;
    throw syntax(
      `${name.key}() at position ${name.pos} takes ${wanted} argument${plural ? "s" : ""}, got ${args.length}`,
    );
  }
  const value = fn.apply(args);
  if (Number.isNaN(value)) {
    throw new ToolError(
      "math",
      `${name.key}(${args.map((a) => formatNumber(a)).join(", ")}) at position ${name.pos} is not a real number`,
    );
  }
  return finite(name, value);
}

/** `left op right` for the binary operators: + - * / % and ^ or **. */
export function applyOperator(op: Token, left: number, right: number): number {
  switch (op.key) {
    case "+":
      return finite(op, left + right);
    case "-":
      return finite(op, left - right);
    case "*":
      return finite(op, left * right);
    case "/":
    case "%":
      if (right === 0) {
        throw new ToolError(
          "math",
          `${op.key === "/" ? "division" : "modulo"} by zero at position ${op.pos}`,
        );
      }
      return finite(op, op.key === "/" ? left / right : left % right);
    case "^":
    case "**":
      return finite(op, left ** right);
    default:
      throw new Error(`'${op.key}' is not a binary operator`);
  }
}

function finite(at: Token, value: number): number {
  if (Number.isFinite(value)) return value;
  const what = Number.isNaN(value) ? "is not a real number" : "is infinite (the number is too large)";
  throw new ToolError("math", `the result of '${at.text}' at position ${at.pos} ${what}`);
}

function roundTo(value: number, digits: number): number {
  if (!Number.isInteger(digits) || Math.abs(digits) > 15) return Number.NaN;
  const factor = 10 ** digits;
  // toPrecision first so 1.005 * 100 (= 100.49999…) rounds as the 100.5 it stands for; halves
  // go away from zero, as people round by hand.
  return (Math.sign(value) * Math.round(Number((Math.abs(value) * factor).toPrecision(15)))) / factor;
}
