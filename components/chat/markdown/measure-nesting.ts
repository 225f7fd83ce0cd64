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
  const max: Nesting = { quotes: 0, lists: 0, brackets: 0, emphasis: 0 };
  const emphasis = new EmphasisNesting();
  const endParagraph = () => {
    max.emphasis = Math.max(max.emphasis, emphasis.endParagraph());
  };
  // Content columns of the list items that may still be open, innermost last. A marker at column c
  // closes the items whose content starts right of c; the rest contain it. Each column is pushed
  // and popped at most once, so the stack adds no more than linear work.
  const items: number[] = [];
  let brackets = 0;
  let i = 0;
  const end = markdown.length;

  while (i < end) {
    // The line's container prefix: spaces, `>` and list markers, in any order.
    let column = 0;
    let quotes = 0;
    let markers = 0;
    // The trailing run of one marker character: `- - -` alone is a thematic break, not three lists.
    let runChar = -1;
    let runLength = 0;
    for (;;) {
      const c = markdown.charCodeAt(i);
      if (c === SPACE) {
        column++;
        i++;
      } else if (c === TAB) {
        column += 4 - (column % 4);
        i++;
      } else if (c === 62 /* > */) {
        quotes++;
        runChar = -1;
        runLength = 0;
        column++;
        i++;
      } else {
        const after = listMarkerEnd(markdown, i);
        if (after < 0) break;
        while (items.length > 0 && (items.at(-1) ?? 0) > column) items.pop();
        column += after - i;
        i = after;
        items.push(column + 1);
        markers++;
        if (c === runChar) runLength++;
        else {
          runChar = c;
          runLength = 1;
        }
      }
    }
    const rest = markdown.charCodeAt(i);
    const nothingElse = i >= end || rest === NEWLINE || rest === CR;
    if (nothingElse && runLength >= 3 && (runChar === 45 /* - */ || runChar === 42) /* * */) {
      // A thematic break wins over list items (CommonMark 4.1): the run opened no lists.
      items.length = Math.max(0, items.length - runLength);
    }
    if (quotes > max.quotes) max.quotes = quotes;
    if (items.length > max.lists) max.lists = items.length;
    // A blank line (or one of `>` alone) ends any paragraph, and with it any open link text. Not a
    // lone list marker: an empty `1.` or `*` cannot interrupt a paragraph, it continues it.
    if (nothingElse && markers === 0) {
      brackets = 0;
      endParagraph();
    }

    // The rest of the line: brackets and emphasis.
    let before = SPACE;
    while (i < end) {
      const c = markdown.charCodeAt(i);
      if (c === NEWLINE) {
        i++;
        break;
      }
      if (EmphasisNesting.isDelimiter(c)) {
        const start = i;
        while (markdown.charCodeAt(i) === c) i++;
        emphasis.run(c, i - start, before, markdown.charCodeAt(i));
        before = c;
        continue;
      }
      i++;
      // An escaped character is no delimiter; a backslash before the line break escapes nothing
      // here (skipping the newline would hide the next line's prefix).
      if (c === 92 /* \ */ && i < end && markdown.charCodeAt(i) !== NEWLINE) {
        before = markdown.charCodeAt(i++);
        continue;
      }
      if (c === 91 /* [ */) {
        brackets++;
        if (brackets > max.brackets) max.brackets = brackets;
      } else if (c === 93 /* ] */ && brackets > 0) brackets--;
      before = c;
    }
    if (deepest(max) > stopAbove) return max;
  }
  endParagraph();
  return max;
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
