import "server-only";
import { ToolError } from "./tool-error";

// The calculator's tokens, read one at a time as the parser asks for them (calculator-parser.ts).

export type TokenKind = "number" | "name" | "op" | "(" | ")" | "," | "end";

export interface Token {
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

export class Lexer {
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

/** The expression is not one the grammar reads: the user's (or the model's) input to fix. */
export function syntax(message: string): ToolError {
  return new ToolError("invalid_input", message);
}
