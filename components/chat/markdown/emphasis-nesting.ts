// How deeply the emphasis of one paragraph (`*`, `_`, GFM `~`) would nest, fed one delimiter run at
// a time by measureNesting. micromark pairs delimiters in time quadratic in their number: 3,000
// nested `*a ` take it 4.5 s before the renderer overflows the stack. Counting delimiters alone
// would stop ordinary answers (a list of twenty **bold** terms is forty runs), so runs are paired,
// roughly as CommonMark 6.2 pairs them, and only pairs inside each other count.
//
// Linear: a closer pairs with the nearest opener of its character (one stack per character), each
// opener is popped once, and the depth is a prefix sum over the paragraph's runs. It errs deeper:
// it skips the rule of three and the removal of delimiters between a pair, which only add pairs.

const STACK_KEYS = { 42: 0, 95: 1, 126: 2 } as const; // * _ ~

interface Opener {
  run: number;
  remaining: number;
}

export class EmphasisNesting {
  private readonly stacks: Opener[][] = [[], [], []];
  /** Per run of this paragraph: + where pairs open, - where they close. */
  private readonly delta: number[] = [];

  /** Whether `c` starts an emphasis run: `*`, `_` or `~`. */
  static isDelimiter(c: number): boolean {
    return c === 42 || c === 95 || c === 126;
  }

  /** One run of `length` × `char`, between the characters `before` and `after` (NaN: line edge). */
  run(char: number, length: number, before: number, after: number): void {
    const key = STACK_KEYS[char as keyof typeof STACK_KEYS];
    const stack = this.stacks[key];
    if (!stack) return;
    const beforeSpace = isWhitespace(before);
    const afterSpace = isWhitespace(after);
    const beforePunct = isPunctuation(before);
    const afterPunct = isPunctuation(after);
    const left = !afterSpace && (!afterPunct || beforeSpace || beforePunct);
    const right = !beforeSpace && (!beforePunct || afterSpace || afterPunct);
    // Intraword `_` neither opens nor closes (snake_case_names).
    const opens = char === 95 ? left && (!right || beforePunct) : left;
    const closes = char === 95 ? right && (!left || afterPunct) : right;

    const index = this.delta.length;
    this.delta.push(0);
    let remaining = length;
    if (closes) {
      while (remaining > 0) {
        const opener = stack.at(-1);
        if (!opener) break;
        const used = Math.min(remaining, opener.remaining);
        this.delta[opener.run] = (this.delta[opener.run] ?? 0) + used;
        this.delta[index] = (this.delta[index] ?? 0) - used;
        remaining -= used;
        opener.remaining -= used;
        if (opener.remaining === 0) stack.pop();
      }
    }
    if (opens && remaining > 0) stack.push({ run: index, remaining });
  }

  /** The paragraph ended (a blank line): its deepest nesting, in delimiter characters. */
  endParagraph(): number {
    let depth = 0;
    let max = 0;
    for (const change of this.delta) {
      depth += change;
      if (depth > max) max = depth;
    }
    this.delta.length = 0;
    for (const stack of this.stacks) stack.length = 0;
    return max;
  }
}

// CommonMark's classes: Unicode whitespace (Zs and a few controls), Unicode punctuation (P and S).
const UNICODE_SPACE = /\s/u;
const UNICODE_PUNCTUATION = /[\p{P}\p{S}]/u;

function isWhitespace(c: number): boolean {
  if (Number.isNaN(c) || c === 32 || c === 9 || c === 10 || c === 13 || c === 12) return true;
  return c > 127 && UNICODE_SPACE.test(String.fromCharCode(c));
}

function isPunctuation(c: number): boolean {
  if (Number.isNaN(c)) return false;
  if (c < 128)
    return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
  return UNICODE_PUNCTUATION.test(String.fromCharCode(c));
}
