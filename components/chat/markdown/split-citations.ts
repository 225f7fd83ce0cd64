// Citations as the model writes them when told to cite its web sources by number (PROTOCOL.md
// section 22): [1], [1][2], [1, 2], [citation:1] (DeepSeek's own habit), and in Chinese text the
// full-width 【1】 or [1，2]. A match is a citation only when every number in it names a source of
// the answer; anything else (an array's a[1] in an answer without sources, [7] when there are six)
// stays the text it was. One regular-expression pass over a text node: cheap enough for the
// growing last block of a streaming answer, where "[1" at the end of a chunk is text until "]" comes.

const CITATION =
  /\[(?:citation:\s*)?(\d{1,3}(?:\s*[,，、]\s*\d{1,3})*)\]|【(?:citation:\s*)?(\d{1,3}(?:\s*[,，、]\s*\d{1,3})*)】/g;

export type CitationPiece = string | { indexes: number[] };

/** `text` cut into plain runs and citations; a text without citations comes back as [text]. */
export function splitCitations(text: string, isSource: (index: number) => boolean): CitationPiece[] {
  const pieces: CitationPiece[] = [];
  let from = 0;
  for (const match of text.matchAll(CITATION)) {
    const list = match[1] ?? match[2] ?? "";
    const indexes = list.split(/\s*[,，、]\s*/).map(Number);
    if (!indexes.every(isSource)) continue;
    if (match.index > from) pieces.push(text.slice(from, match.index));
    pieces.push({ indexes });
    from = match.index + match[0].length;
  }
  if (from < text.length || pieces.length === 0) pieces.push(text.slice(from));
  return pieces;
}
