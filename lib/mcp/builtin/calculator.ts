import "server-only";
import { ToolError } from "./tool-error";

// A small arithmetic language read by a recursive-descent parser that evaluates as it goes. The
// model sends whatever the user typed, so nothing here may reach eval/Function: names resolve only
// through the two Maps below, never through object properties (`constructor`, `__proto__`).
//
//   expression := additive ["="]
//   additive   := multiplicative (("+" | "-") multiplicative)*
//   multiplicative := unary (("*" | "/" | "%") unary)*
//   unary      := ("+" | "-") unary | power
//   power      := primary (("^" | "**") unary)?        right-associative; -2^2 = -(2^2)
//   primary    := number | constant | name "(" [expression ("," expression)*] ")" | "(" expression ")"

export const MAX_EXPRESSION_LENGTH = 1000;
export const MAX_NESTING_DEPTH = 100;

export type Calculation = { expression: string; result: number };

type TokenKind = "number" | "name" | "op" | "(" | ")" | "," | "end";

interface Token {
  kind: TokenKind;
  /** As typed, for messages ("（" stays "（"). */
  text: string;
  /** The normalized operator ("×" → "*"), or the lower-cased name. */
  key: string;
  value: number;
  /** 1-based position of the token's first character. */
  pos: number;
}

// What Chinese keyboards and IMEs produce for the ASCII operators; each maps one character to
// one, so positions in messages still point into the text the user typed.
const CHAR_ALIASES = new Map<string, string>([
  ["（", "("],
  ["）", ")"],
  ["×", "*"],
  ["÷", "/"],
  ["＋", "+"],
  ["－", "-"],
  ["−", "-"],
  ["＊", "*"],
  ["／", "/"],
  ["％", "%"],
  ["＾", "^"],
  ["，", ","],
  ["．", "."],
  ["＝", "="],
]);

const CONSTANTS = new Map<string, number>([
  ["pi", Math.PI],
  ["π", Math.PI],
  ["e", Math.E],
]);

interface MathFunction {
  min: number;
  max: number;
  apply: (args: number[]) => number;
}

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

/**
 * Rounds to 15 significant digits, which removes binary floating-point noise (0.1 + 0.2 →
 * 0.3) without hiding any digit a double really carries.
 */
export function formatNumber(value: number): number {
  if (value === 0) return 0; // also turns -0 into 0
  return Number(value.toPrecision(15));
}

export function calculate(expression: string): Calculation {
  return { expression, result: formatNumber(evaluate(expression)) };
}

class Parser {
  private readonly lexer: Lexer;
  private depth = 0;

  constructor(source: string) {
    this.lexer = new Lexer(source);
  }

  parse(): number {
    const value = this.additive();
    const equals = this.lexer.peek();
    if (equals.key === "=") {
      // "1+2=" as typed on a calculator.
      this.lexer.next();
      if (this.lexer.peek().kind === "end") return value;
      throw syntax(
        `'=' at position ${equals.pos} may only end the expression; there are no equations or variables`,
      );
    }
    const rest = this.lexer.peek();
    if (rest.kind === "end") return value;
    if (rest.kind === ",") {
      throw syntax(`unexpected ',' at position ${rest.pos}; write numbers without thousands separators`);
    }
    if (rest.kind === "number" || rest.kind === "name" || rest.kind === "(") {
      throw syntax(`missing operator before '${rest.text}' at position ${rest.pos}`);
    }
    throw unexpected(rest);
  }

  private additive(): number {
    let left = this.multiplicative();
    for (let op = this.lexer.peek(); op.key === "+" || op.key === "-"; op = this.lexer.peek()) {
      this.lexer.next();
      const right = this.multiplicative();
      left = finite(op, op.key === "+" ? left + right : left - right);
    }
    return left;
  }

  private multiplicative(): number {
    let left = this.unary();
    for (
      let op = this.lexer.peek();
      op.key === "*" || op.key === "/" || op.key === "%";
      op = this.lexer.peek()
    ) {
      this.lexer.next();
      const right = this.unary();
      if (right === 0 && op.key !== "*") {
        throw new ToolError(
          "math",
          `${op.key === "/" ? "division" : "modulo"} by zero at position ${op.pos}`,
        );
      }
      left = finite(op, op.key === "*" ? left * right : op.key === "/" ? left / right : left % right);
    }
    return left;
  }

  private unary(): number {
    const sign = this.lexer.peek();
    if (sign.key !== "+" && sign.key !== "-") return this.power();
    this.lexer.next();
    this.enter(sign);
    const value = this.unary();
    this.depth--;
    return sign.key === "-" ? -value : value;
  }

  private power(): number {
    const base = this.primary();
    const op = this.lexer.peek();
    if (op.key !== "^" && op.key !== "**") return base;
    this.lexer.next();
    this.enter(op);
    const exponent = this.unary();
    this.depth--;
    return finite(op, base ** exponent);
  }

  private primary(): number {
    const token = this.lexer.next();
    switch (token.kind) {
      case "number":
        return token.value;
      case "(": {
        this.enter(token);
        const value = this.additive();
        this.close(token);
        return value;
      }
      case "name":
        // Reject unknown names before reading on, so "process.exit()" is about 'process', not '.'.
        if (!CONSTANTS.has(token.key) && !FUNCTIONS.has(token.key)) {
          throw syntax(`unknown name '${token.text}' at position ${token.pos}`);
        }
        return this.lexer.peek().kind === "(" ? this.call(token) : this.constant(token);
      default:
        throw unexpected(token);
    }
  }

  private constant(name: Token): number {
    const value = CONSTANTS.get(name.key);
    if (value !== undefined) return value;
    throw syntax(`'${name.text}' at position ${name.pos} is a function; write ${name.key}(…)`);
  }

  private call(name: Token): number {
    const fn = FUNCTIONS.get(name.key);
    if (!fn) throw syntax(`'${name.text}' at position ${name.pos} is a constant, not a function`);
    const open = this.lexer.next();
    this.enter(open);
    const args: number[] = [];
    if (this.lexer.peek().kind !== ")") {
      args.push(this.additive());
      while (this.lexer.peek().kind === ",") {
        this.lexer.next();
        args.push(this.additive());
      }
    }
    this.close(open);
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

  private close(open: Token): void {
    const token = this.lexer.next();
    if (token.kind === ")") {
      this.depth--;
      return;
    }
    if (token.kind === "end") throw syntax(`missing ')' for the '${open.text}' at position ${open.pos}`);
    throw unexpected(token);
  }

  private enter(token: Token): void {
    this.depth++;
    if (this.depth > MAX_NESTING_DEPTH) {
      throw new ToolError(
        "invalid_input",
        `the expression nests deeper than ${MAX_NESTING_DEPTH} levels at position ${token.pos}`,
      );
    }
  }
}

class Lexer {
  private index = 0;
  private lookahead: Token | null = null;

  constructor(private readonly source: string) {}

  peek(): Token {
    this.lookahead ??= this.read();
    return this.lookahead;
  }

  next(): Token {
    const token = this.peek();
    this.lookahead = null;
    return token;
  }

  // Reads lazily, so the first problem reported is the leftmost one.
  private read(): Token {
    const src = this.source;
    while (this.index < src.length && /\s/.test(src[this.index] ?? "")) this.index++;
    const start = this.index;
    const pos = start + 1;
    if (start >= src.length) return { kind: "end", text: "", key: "", value: 0, pos };

    const c = this.char(start);
    if (isDigit(c) || (c === "." && isDigit(this.char(start + 1)))) return this.number(start);
    if (/[A-Za-z_π]/.test(c)) {
      if (c === "π") {
        this.index++;
        return { kind: "name", text: "π", key: "π", value: 0, pos };
      }
      while (this.index < src.length && /[A-Za-z0-9_]/.test(this.char(this.index))) this.index++;
      const text = src.slice(start, this.index);
      return { kind: "name", text, key: text.toLowerCase(), value: 0, pos };
    }

    this.index++;
    const text = src.slice(start, this.index);
    if (c === "*" && this.char(this.index) === "*") {
      this.index++;
      return { kind: "op", text: src.slice(start, this.index), key: "**", value: 0, pos };
    }
    if ("+-*/%^=".includes(c)) return { kind: "op", text, key: c, value: 0, pos };
    if (c === "(" || c === ")" || c === ",") return { kind: c, text, key: c, value: 0, pos };
    throw syntax(`unexpected character '${text}' at position ${pos}`);
  }

  private number(start: number): Token {
    const digits = () => {
      while (isDigit(this.char(this.index))) this.index++;
    };
    digits();
    if (this.char(this.index) === ".") {
      this.index++;
      digits();
    }
    // Only an exponent when digits follow: "2e" is 2 then the constant e (and an error).
    const e = this.char(this.index);
    const afterE = this.char(this.index + 1);
    if (
      (e === "e" || e === "E") &&
      (isDigit(afterE) || ((afterE === "+" || afterE === "-") && isDigit(this.char(this.index + 2))))
    ) {
      this.index += 2;
      digits();
    }
    const text = this.source.slice(start, this.index);
    let normalized = "";
    for (let i = start; i < this.index; i++) normalized += this.char(i);
    const value = Number(normalized);
    if (!Number.isFinite(value))
      throw new ToolError("math", `the number '${text}' at position ${start + 1} is too large`);
    return { kind: "number", text, key: normalized, value, pos: start + 1 };
  }

  private char(index: number): string {
    const c = this.source[index] ?? "";
    const code = c.charCodeAt(0);
    // Full-width digits ０–９.
    if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xfee0);
    return CHAR_ALIASES.get(c) ?? c;
  }
}

function isDigit(c: string): boolean {
  return c >= "0" && c <= "9" && c.length === 1;
}

function finite(at: Token, value: number): number {
  if (Number.isFinite(value)) return value;
  const what = Number.isNaN(value) ? "is not a real number" : "is infinite (the number is too large)";
  throw new ToolError("math", `the result of '${at.text}' at position ${at.pos} ${what}`);
}

function unexpected(token: Token): ToolError {
  if (token.kind === "end") return syntax(`unexpected end of expression at position ${token.pos}`);
  return syntax(`unexpected '${token.text}' at position ${token.pos}`);
}

function syntax(message: string): ToolError {
  return new ToolError("invalid_input", message);
}

function roundTo(value: number, digits: number): number {
  if (!Number.isInteger(digits) || Math.abs(digits) > 15) return Number.NaN;
  const factor = 10 ** digits;
  // toPrecision first so 1.005 * 100 (= 100.49999…) rounds as the 100.5 it stands for; halves
  // go away from zero, as people round by hand.
  return (Math.sign(value) * Math.round(Number((Math.abs(value) * factor).toPrecision(15)))) / factor;
}
