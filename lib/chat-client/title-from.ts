// A conversation's title, the same wherever it is made: by the UI as soon as a question is sent,
// and by the server when it creates the conversation (lib/history), which later replaces the UI's.

/**
 * The conversation's title from its first message: its first non-empty line, at most 40
 * characters. A question that is only files is named after its first file.
 */
export function titleFrom(text: string, fallback = "New chat"): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== "") ?? "";
  // By code points, so a CJK character or an emoji is never cut in half.
  const chars = Array.from(line.trim().replace(/\s+/g, " "));
  if (chars.length === 0) return fallback;
  if (chars.length <= 40) return chars.join("");
  return `${chars.slice(0, 39).join("").trimEnd()}…`;
}
