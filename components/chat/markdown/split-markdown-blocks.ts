// Splits markdown into top-level blocks so a streaming answer re-parses only its last, growing
// block: every earlier block is final and its rendered output can be reused (see markdown.tsx).
// Blocks end at blank lines outside code fences and display math. A blank line does not end a
// block when what follows continues it: an indented line (a list item's second paragraph or code)
// or another item of the same list, so lists stay one list.

const FENCE_OPEN = /^\s*(`{3,}|~{3,})/;
const LIST_ITEM = /^\s{0,3}(?:[-*+]|\d{1,9}[.)])\s/;

interface Fence {
  char: string;
  length: number;
}

function opensFence(line: string): Fence | null {
  const match = FENCE_OPEN.exec(line);
  const marker = match?.[1];
  if (!marker) return null;
  // A backtick fence's info string may not contain backticks (CommonMark 4.5).
  if (marker[0] === "`" && line.slice(line.indexOf(marker) + marker.length).includes("`")) return null;
  return { char: marker[0] ?? "`", length: marker.length };
}

function closesFence(line: string, fence: Fence): boolean {
  const trimmed = line.trim();
  return trimmed.length >= fence.length && [...trimmed].every((c) => c === fence.char);
}

/** `$$` or `\[` alone (or opening) on a line starts display math that may span blank lines. */
function opensMath(line: string): "$$" | "\\]" | null {
  const trimmed = line.trim();
  if (trimmed.startsWith("$$") && !(trimmed.length > 2 && trimmed.endsWith("$$"))) return "$$";
  if (trimmed.startsWith("\\[") && !trimmed.includes("\\]")) return "\\]";
  return null;
}

export function splitMarkdownBlocks(text: string): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  let blanks: string[] = [];
  let fence: Fence | null = null;
  let mathEnd: string | null = null;

  const flush = () => {
    if (current.length > 0) blocks.push(current.join("\n"));
    current = [];
  };

  for (const line of text.split("\n")) {
    if (fence) {
      current.push(line);
      if (closesFence(line, fence)) fence = null;
      continue;
    }
    if (mathEnd) {
      current.push(line);
      if (line.includes(mathEnd)) mathEnd = null;
      continue;
    }
    if (line.trim() === "") {
      if (current.length > 0) blanks.push(line);
      continue;
    }
    if (blanks.length > 0) {
      const continues = /^\s/.test(line) || (LIST_ITEM.test(line) && LIST_ITEM.test(current[0] ?? ""));
      if (continues) current.push(...blanks);
      else flush();
      blanks = [];
    }
    current.push(line);
    fence = opensFence(line);
    if (!fence) mathEnd = opensMath(line);
  }
  flush();
  return blocks;
}
