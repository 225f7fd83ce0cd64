// How message text becomes search terms, the same for every database: written here rather than in
// SQL because PostgreSQL's lower() and word parser follow the database's locale (PGlite's and a
// "C" PostgreSQL's differ), and Chinese has no spaces for a word parser to split on.
//
// Text is folded first (NFKC, then lower case: "ＡＢＣ" and "abc" are one word), whitespace runs
// become one space. Then:
// - scripts written without spaces (Chinese, Japanese, Korean, Thai…) give every pair of
//   neighbouring characters, and a run's last character alone: 天气 is found by its one bigram, 天
//   by the terms that start with it (天气, or 天 at a run's end);
// - other letters and digits give words, found by their start (typing "deeps" finds DeepSeek);
// - symbols and emoji are terms of their own.
// A query's terms narrow the rows through the index; the folded query as a substring (LIKE)
// decides, so a phrase matches as typed and a bigram pair that only co-occurs does not.

/** The text kept per message: longer answers are indexed by their start. */
export const MAX_INDEXED_CHARS = 100_000;
/** A word longer than this is indexed (and searched) by its start: a lexeme has a size limit. */
const MAX_WORD = 64;
/** A longer query is narrowed by its first terms; the substring check still reads all of it. */
const MAX_QUERY_TERMS = 24;

const NO_SPACES =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const WORD = /[\p{L}\p{N}]/u;
const MARK = /\p{M}/u;
const SYMBOL = /[\p{S}\p{Extended_Pictographic}]/u;
const SPACE = /\s/u;

type CharKind = "run" | "word" | "mark" | "symbol" | "other";

function kindOf(char: string): CharKind {
  if (NO_SPACES.test(char)) return "run";
  if (WORD.test(char)) return "word";
  if (MARK.test(char)) return "mark";
  return SYMBOL.test(char) ? "symbol" : "other";
}

// Most text an answer holds is ASCII: its characters are folded and classed once, here, by the same
// rules as every other character, instead of through Unicode regexes and NFKC one at a time (that
// was most of the CPU an answer's search row cost).
const ASCII = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code));
const ASCII_SPACE = ASCII.map((char) => SPACE.test(char));
const ASCII_FOLD = ASCII.map((char) => char.normalize("NFKC").toLowerCase());
const ASCII_KIND = ASCII.map(kindOf);

/**
 * The folded text, and for each of its UTF-16 units the offset in `text` it came from (one more
 * entry: the end). Folding goes a code point at a time so the offsets stay exact.
 */
export function foldText(text: string): { folded: string; origin: number[] } {
  let folded = "";
  // Whether `folded` ends with a space, kept rather than asked: endsWith() flattens the string
  // being built, which made folding a long answer quadratic.
  let endsWithSpace = false;
  const origin: number[] = [];
  let offset = 0;
  for (const char of text) {
    const start = offset;
    offset += char.length;
    const code = char.charCodeAt(0);
    if (code < 128 ? ASCII_SPACE[code] : SPACE.test(char)) {
      if (endsWithSpace) continue;
      folded += " ";
      endsWithSpace = true;
      origin.push(start);
      continue;
    }
    const f = (code < 128 ? ASCII_FOLD[code] : undefined) ?? char.normalize("NFKC").toLowerCase();
    folded += f;
    endsWithSpace = code >= 128 && f.endsWith(" ");
    for (let i = 0; i < f.length; i++) origin.push(start);
  }
  origin.push(offset);
  return { folded, origin };
}

interface Token {
  kind: "run" | "word" | "symbol";
  text: string;
}

/** The folded text in runs of no-space script, words, and symbols; the rest separates them. */
function tokens(folded: string): Token[] {
  const out: Token[] = [];
  let current: Token | undefined;
  const close = () => {
    if (current) out.push(current);
    current = undefined;
  };
  for (const char of folded) {
    const code = char.charCodeAt(0);
    const kind = (code < 128 ? ASCII_KIND[code] : undefined) ?? kindOf(char);
    if (kind === "run" || kind === "word") {
      if (current?.kind !== kind) close();
      current ??= { kind, text: "" };
      current.text += char;
    } else if (kind === "mark" && current) {
      // A combining mark belongs to what it follows (Thai vowels, accents); a variation selector
      // after an emoji follows nothing indexed and is dropped.
      current.text += char;
    } else {
      close();
      if (kind === "symbol") out.push({ kind: "symbol", text: char });
    }
  }
  close();
  return out;
}

function capWord(word: string): string {
  const chars = [...word];
  return chars.length > MAX_WORD ? chars.slice(0, MAX_WORD).join("") : word;
}

/** A run's bigrams, in order. */
function bigrams(chars: readonly string[]): string[] {
  const grams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) grams.push(`${chars[i]}${chars[i + 1]}`);
  return grams;
}

/** The folded text alone; ASCII text (NFKC leaves it as it is) is folded whole, by the same rules. */
function fold(text: string): string {
  return /^\p{ASCII}*$/u.test(text) ? text.toLowerCase().replace(/\s+/g, " ") : foldText(text).folded;
}

/** What a message is kept as in the index: its folded text and its distinct terms. */
export function searchDocument(content: string): { body: string; terms: string[] } {
  const body = fold(content.slice(0, MAX_INDEXED_CHARS));
  const terms = new Set<string>();
  for (const token of tokens(body)) {
    if (token.kind === "run") {
      // Every character starts a bigram but the last: with it alone, each one starts a term.
      const chars = [...token.text];
      for (const term of [...bigrams(chars), chars.at(-1) ?? ""]) terms.add(term);
    } else terms.add(token.kind === "word" ? capWord(token.text) : token.text);
  }
  return { body, terms: [...terms] };
}

export interface SearchTerms {
  /** The folded query: a match contains it. */
  folded: string;
  /** For the index; null when the query has nothing it indexes (only punctuation). */
  tsquery: string | null;
}

/**
 * A query's terms: a run's bigrams, or for one character the terms that start with it; words are
 * whole, but the last one (still being typed) and a capped one are prefixes.
 */
export function searchTerms(query: string): SearchTerms {
  const folded = foldText(query.trim()).folded;
  const list = tokens(folded);
  const terms = new Set<string>();
  list.forEach((token, i) => {
    if (token.kind === "run") {
      const chars = [...token.text];
      if (chars.length === 1) terms.add(`${quote(token.text)}:*`);
      for (const gram of bigrams(chars)) terms.add(quote(gram));
    } else if (token.kind === "word") {
      const word = capWord(token.text);
      const prefix = i === list.length - 1 || word !== token.text;
      terms.add(prefix ? `${quote(word)}:*` : quote(word));
    } else {
      terms.add(quote(token.text));
    }
  });
  const chosen = [...terms].slice(0, MAX_QUERY_TERMS);
  return { folded, tsquery: chosen.length === 0 ? null : chosen.join(" & ") };
}

/** The terms as a tsvector's input text: quoted, so PostgreSQL takes each as it is. */
export function tsvectorText(terms: readonly string[]): string {
  return terms.map(quote).join(" ");
}

function quote(term: string): string {
  return `'${term.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
}

/** A LIKE pattern that matches `text` anywhere, with LIKE's own characters taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
