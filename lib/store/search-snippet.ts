import { foldText } from "./search-text";

// What a search result shows of a message: one line around the first match, with every match in
// it marked. Matching is on the folded text (search-text.ts), the marks on the original's offsets.

export interface Snippet {
  text: string;
  /** [start, end) in `text`, UTF-16 offsets. */
  highlights: [number, number][];
}

/** Characters shown before the first match, when the text is longer: the sidebar shows two lines. */
const LEAD = 20;
const WIDTH = 180;
const ELLIPSIS = "…";

export function snippetOf(content: string, foldedQuery: string): Snippet {
  const line = content.replace(/\s+/gu, " ").trim();
  const matches = find(line, foldedQuery);
  const first = matches[0];
  let start = first ? Math.max(0, first[0] - LEAD) : 0;
  if (start > 0) start = wordStart(line, start, first?.[0] ?? start);
  let end = Math.min(line.length, Math.max(start + WIDTH, first ? first[1] : 0));
  if (isLowSurrogate(line, start)) start++;
  if (isLowSurrogate(line, end)) end++;
  const lead = start > 0 ? ELLIPSIS : "";
  const text = `${lead}${line.slice(start, end)}${end < line.length ? ELLIPSIS : ""}`;
  const highlights = matches
    .filter(([from, to]) => from >= start && to <= end)
    .map(([from, to]): [number, number] => [from - start + lead.length, to - start + lead.length]);
  return { text, highlights };
}

/** Every non-overlapping match of the folded query, as offsets in `line`. */
function find(line: string, foldedQuery: string): [number, number][] {
  if (foldedQuery === "") return [];
  const { folded, origin } = foldText(line);
  const found: [number, number][] = [];
  for (
    let at = folded.indexOf(foldedQuery);
    at >= 0;
    at = folded.indexOf(foldedQuery, at + foldedQuery.length)
  ) {
    const last = at + foldedQuery.length - 1;
    const from = origin[at] ?? 0;
    const lastFrom = origin[last] ?? from;
    // The end is where the next original character starts: one character may fold into several.
    let to = line.length;
    for (let k = last + 1; k < origin.length; k++) {
      const o = origin[k] ?? line.length;
      if (o > lastFrom) {
        to = o;
        break;
      }
    }
    found.push([from, to]);
  }
  return found;
}

/** Starts the line at a word's start when one is near, so it does not open mid-word. */
function wordStart(line: string, start: number, limit: number): number {
  const space = line.indexOf(" ", start);
  return space >= 0 && space + 1 <= limit && space - start < 16 ? space + 1 : start;
}

function isLowSurrogate(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff;
}
