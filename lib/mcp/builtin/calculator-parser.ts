import "server-only";
import {
  applyOperator,
  callFunction,
  constantValue,
  functionNamed,
  isKnownName,
} from "./calculator-evaluator";
import { Lexer, syntax, type Token } from "./calculator-lexer";
import { ToolError } from "./tool-error";

// A recursive-descent parser for a small arithmetic language. It computes nothing itself: each
// rule hands its operands to the evaluator (calculator-evaluator.ts) as soon as it has read them,
// so the first problem reported, whether of grammar or arithmetic, is the leftmost one.
//
//   expression := additive ["="]
//   additive   := multiplicative (("+" | "-") multiplicative)*
//   multiplicative := unary (("*" | "/" | "%") unary)*
//   unary      := ("+" | "-") unary | power
//   power      := primary (("^" | "**") unary)?        right-associative; -2^2 = -(2^2)
//   primary    := number | constant | name "(" [expression ("," expression)*] ")" | "(" expression ")"

export const MAX_NESTING_DEPTH = 100;

export class Parser {
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
      left = applyOperator(op, left, this.multiplicative());
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
      left = applyOperator(op, left, this.unary());
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
    return applyOperator(op, base, exponent);
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
        if (!isKnownName(token)) throw syntax(`unknown name '${token.text}' at position ${token.pos}`);
        return this.lexer.peek().kind === "(" ? this.call(token) : constantValue(token);
      default:
        throw unexpected(token);
    }
  }

  private call(name: Token): number {
    const fn = functionNamed(name);
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
    return callFunction(name, fn, args);
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

function unexpected(token: Token): ToolError {
  if (token.kind === "end") return syntax(`unexpected end of expression at position ${token.pos}`);
  return syntax(`unexpected '${token.text}' at position ${token.pos}`);
}
