// DeepSeek (like most models) writes LaTeX as \( … \) and \[ … \]; remark-math reads only $ and $$.
// Rewrites the former outside code, so both render. Display math goes on its own lines because
// remark-math treats `$$…$$` inside a line as inline math.

const CODE = /(```[\s\S]*?(?:```|$)|~~~[\s\S]*?(?:~~~|$)|`[^`\n]*`)/;
const DISPLAY = /\\\[([\s\S]+?)\\\]/g;
const INLINE = /\\\(([\s\S]+?)\\\)/g;

/** Whether text may contain math at all: the cheap test that decides whether KaTeX is loaded. */
export function mayContainMath(text: string): boolean {
  return text.includes("$") || text.includes("\\(") || text.includes("\\[");
}

export function normalizeMath(text: string): string {
  if (!text.includes("\\(") && !text.includes("\\[")) return text;
  return text
    .split(CODE)
    .map((segment, i) =>
      // split() with one capture group alternates prose (even) and code (odd).
      i % 2 === 1
        ? segment
        : segment
            .replace(DISPLAY, (_, math: string) => `\n$$\n${math.trim()}\n$$\n`)
            .replace(INLINE, (_, math: string) => `$${math.trim()}$`),
    )
    .join("");
}
