/**
 * Splits text into token-like pieces the way the recorded streams arrive: words with their
 * leading space, digits in threes, punctuation runs (with the newlines after them), CJK one or
 * two characters at a time. Joining the pieces always gives back the input exactly.
 */

const CJK =
  "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\u3000-\\u303f\\uff00-\\uffef";

const PIECE = new RegExp(
  [
    `[${CJK}]+`, // split further below
    " ?[A-Za-z]+",
    " ?\\d{1,3}",
    ` ?[^\\sA-Za-z\\d${CJK}]+\\n*`,
    "\\n+",
    "[^\\S\\n]+",
  ].join("|"),
  "gu",
);

const CJK_RUN = new RegExp(`^[${CJK}]+$`, "u");
const LONG_WORD = 10;

export function splitText(text: string): string[] {
  const pieces: string[] = [];
  for (const match of text.matchAll(PIECE)) {
    const piece = match[0];
    if (CJK_RUN.test(piece)) pieces.push(...splitCjk(piece));
    else if (/^ ?[A-Za-z]+$/.test(piece) && piece.trimStart().length > LONG_WORD)
      pieces.push(...splitWord(piece));
    else pieces.push(piece);
  }
  return pieces;
}

/** Two characters, then one, then two…: the mix the model's tokenizer produces for Chinese. */
function splitCjk(run: string): string[] {
  const chars = Array.from(run);
  const pieces: string[] = [];
  let size = 2;
  for (let i = 0; i < chars.length; i += size, size = size === 2 ? 1 : 2) {
    pieces.push(chars.slice(i, i + size).join(""));
  }
  return pieces;
}

function splitWord(word: string): string[] {
  const pieces: string[] = [];
  const first = word.startsWith(" ") ? 6 : 5;
  pieces.push(word.slice(0, first));
  for (let i = first; i < word.length; i += 5) pieces.push(word.slice(i, i + 5));
  return pieces;
}

/**
 * Splits a tool call's JSON arguments like the recording does:
 * `{`, `"`, `location`, `"`, `: `, `"`, `San`, ` Francisco`, `"`, `}`.
 */
export function splitArguments(json: string): string[] {
  const pieces: string[] = [];
  for (const match of json.matchAll(/[{}[\]"]|, ?|: ?|[^{}[\]",:]+/g)) {
    const piece = match[0];
    if (/^[{}[\]",:]/.test(piece)) pieces.push(piece);
    else pieces.push(...splitText(piece));
  }
  return pieces;
}

/** JSON with `": "` and `", "` separators, as DeepSeek's models write tool arguments. */
export function toArgumentsJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(toArgumentsJson).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(
      ([key, item]) => `${JSON.stringify(key)}: ${toArgumentsJson(item)}`,
    );
    return `{${entries.join(", ")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
