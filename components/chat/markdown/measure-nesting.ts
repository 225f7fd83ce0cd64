import { EmphasisNesting } from "./emphasis-nesting";

// How deeply a block of markdown nests, found without parsing it. The markdown pipeline (micromark,
// mdast-util-to-hast, hast-util-to-jsx-runtime) recurses once or more per level: about 1,100
// nested list items or 2,400 nested quotes overflow the stack ("Maximum call stack size
// exceeded"), and 3,000 images nested in brackets or 3,000 nested emphases cost seconds of
// parsing, quadratic in the depth. An answer is text a prompt injection may choose, so a block is
// measured before it is parsed.
//
// One pass over the characters, no recursion, no regular expressions: linear in the length
// whatever the input. It errs towards deeper: code is measured like prose, since a scanner that
// skipped "code" the parser did not see as code would let the nesting through. A false alarm only
// shows a block as plain text.

export interface Nesting {
  /** Blockquotes inside each other (`>` markers on one line, lazy lines add none). */
  quotes: number;
  /** List items inside each other: several markers on one line, or deeper indentation. */
  lists: number;
  /** Unescaped `[` still open. A link or image text cannot span a blank line, so one resets it. */
  brackets: number;
  /** Emphasis delimiters (`*`, `_`, `~`) paired inside each other within a paragraph. */
  emphasis: number;
}

/**
 * Deeper than this and a block is shown as plain text. Real answers nest lists 3 or 4 deep and
 * quotes once or twice; markdown-it, a widely used parser, stops nesting at 20 in its CommonMark
 * preset and at 100 by default. 32 is far above what anyone writes by hand and far below the depth
 * where the renderer breaks or slows down (in the thousands).
 */
export const NESTING_LIMIT = 32;

const SPACE = 32;
const TAB = 9;
const NEWLINE = 10;
const CR = 13;

/**
 * Measures `markdown`; with `stopAbove`, returns as soon as any measure passes it (the caller only
 * needs to know that it did).
 */
export function measureNesting(markdown: string, stopAbove = Number.POSITIVE_INFINITY): Nesting {
  const meter = new NestingMeter(markdown);
  for (let i = 0; i < markdown.length; ) {
    i = meter.line(i);
    if (deepest(meter.max) > stopAbove) return meter.max;
  }
  meter.endParagraph();
  return meter.max;
}

/** A line's container prefix: where it ends, its `>` markers, its list markers. */
interface Prefix {
  end: number;
  quotes: number;
  markers: number;
  /** The trailing run of one marker character: `- - -` alone is a thematic break, not three lists. */
  runChar: number;
  runLength: number;
}

/** The scan's state from line to line; `max` is the deepest seen so far. */
class NestingMeter {
  readonly max: Nesting = { quotes: 0, lists: 0, brackets: 0, emphasis: 0 };
  private readonly emphasis = new EmphasisNesting();
  // Content columns of the list items that may still be open, innermost last. A marker at column c
  // closes the items whose content starts right of c; the rest contain it. Each column is pushed
  // and popped at most once, so the stack adds no more than linear work.
  private readonly items: number[] = [];
  private brackets = 0;

  constructor(private readonly text: string) {}

  /** Measures the line that starts at `start`; returns where the next one starts. */
  line(start: number): number {
    const { end, quotes, markers, runChar, runLength } = this.prefix(start);
    const rest = this.text.charCodeAt(end);
    const nothingElse = end >= this.text.length || rest === NEWLINE || rest === CR;
    if (nothingElse && runLength >= 3 && (runChar === 45 /* - */ || runChar === 42) /* * */) {
      // A thematic break wins over list items (CommonMark 4.1): the run opened no lists.
      this.items.length = Math.max(0, this.items.length - runLength);
    }
    if (quotes > this.max.quotes) this.max.quotes = quotes;
    if (this.items.length > this.max.lists) this.max.lists = this.items.length;
    // A blank line (or one of `>` alone) ends any paragraph, and with it any open link text. Not a
    // lone list marker: an empty `1.` or `*` cannot interrupt a paragraph, it continues it.
    if (nothingElse && markers === 0) {
      this.brackets = 0;
      this.endParagraph();
    }
    return this.inline(end);
  }

  endParagraph(): void {
    this.max.emphasis = Math.max(this.max.emphasis, this.emphasis.endParagraph());
  }

  /** Spaces, `>` and list markers, in any order, from `i`. */
  private prefix(i: number): Prefix {
    const text = this.text;
    const found: Prefix = { end: i, quotes: 0, markers: 0, runChar: -1, runLength: 0 };
    let column = 0;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === SPACE) {
        column++;
        i++;
      } else if (c === TAB) {
        column += 4 - (column % 4);
        i++;
      } else if (c === 62 /* > */) {
        found.quotes++;
        found.runChar = -1;
        found.runLength = 0;
        column++;
        i++;
      } else {
        const after = listMarkerEnd(text, i);
        if (after < 0) break;
        while (this.items.length > 0 && (this.items.at(-1) ?? 0) > column) this.items.pop();
        column += after - i;
        i = after;
        this.items.push(column + 1);
        found.markers++;
        if (c === found.runChar) found.runLength++;
        else {
          found.runChar = c;
          found.runLength = 1;
        }
      }
    }
    found.end = i;
    return found;
  }

  /** The rest of the line from `i`, brackets and emphasis; returns where the next line starts. */
  private inline(i: number): number {
    const text = this.text;
    const end = text.length;
    let before = SPACE;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c === NEWLINE) return i + 1;
      if (EmphasisNesting.isDelimiter(c)) {
        const start = i;
        while (text.charCodeAt(i) === c) i++;
        this.emphasis.run(c, i - start, before, text.charCodeAt(i));
        before = c;
        continue;
      }
      i++;
      // An escaped character is no delimiter; a backslash before the line break escapes nothing
      // here (skipping the newline would hide the next line's prefix).
      if (c === 92 /* \ */ && i < end && text.charCodeAt(i) !== NEWLINE) {
        before = text.charCodeAt(i++);
        continue;
      }
      if (c === 91 /* [ */) {
        this.brackets++;
        if (this.brackets > this.max.brackets) this.max.brackets = this.brackets;
      } else if (c === 93 /* ] */ && this.brackets > 0) this.brackets--;
      before = c;
    }
    return i;
  }
}

/** Whether any measure of `markdown` passes `limit`: then it is shown as plain text, unparsed. */
export function isTooDeep(markdown: string, limit = NESTING_LIMIT): boolean {
  return deepest(measureNesting(markdown, limit)) > limit;
}

function deepest(nesting: Nesting): number {
  return Math.max(nesting.quotes, nesting.lists, nesting.brackets, nesting.emphasis);
}

/**
 * Index just past a list marker at `i` (`-`, `*`, `+`, or 1–9 digits and `.` or `)`) that is
 * followed by a space, a tab or the end of the line; -1 if there is none.
 */
function listMarkerEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  let after = -1;
  if (c === 45 || c === 42 || c === 43) after = i + 1;
  else {
    let j = i;
    while (j < text.length && j - i < 9 && isDigit(text.charCodeAt(j))) j++;
    const punctuation = text.charCodeAt(j);
    if (j > i && (punctuation === 46 /* . */ || punctuation === 41) /* ) */) after = j + 1;
  }
  if (after < 0) return -1;
  const next = text.charCodeAt(after);
  // NaN past the end: a marker may end the text.
  return Number.isNaN(next) || next === SPACE || next === TAB || next === NEWLINE || next === CR ? after : -1;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
