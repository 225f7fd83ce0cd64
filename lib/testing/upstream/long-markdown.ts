// A long markdown answer (headings, paragraphs, lists, code, tables) cut into ~8-byte pieces,
// like a fast model's stream: for "a 5,000-chunk answer must not freeze the page" and benchmarks.

const SECTIONS = [
  (n: number) => `\n\n## Section ${n}: 贵州茅台 and the market\n\n`,
  (n: number) =>
    `The quote for **600519** moved by *${(n % 7) / 10}%* today. Analysts compare it with the sector average and the index; ` +
    `the \`turnover\` figure matters more than the price. 这是一个较长的段落，用于测试中文混排的渲染。\n\n`,
  (n: number) =>
    `- point ${n}.1: volume in lots (手)\n- point ${n}.2: prices in CNY\n- point ${n}.3: time in Beijing\n\n`,
  (n: number) =>
    "```ts\n" +
    `export function change${n}(price: number, prevClose: number): number {\n` +
    "  return ((price - prevClose) / prevClose) * 100;\n}\n" +
    "```\n\n",
  (n: number) =>
    `| metric | value ${n} |\n|---|---:|\n| price | ${1400 + n}.88 |\n| change | +0.${n % 10}% |\n\n`,
];

export function longMarkdownPieces(count: number, pieceBytes = 8): string[] {
  const pieces: string[] = [];
  for (let n = 1; pieces.length < count; n++) {
    const section = SECTIONS[(n - 1) % SECTIONS.length] as (n: number) => string;
    const text = section(n);
    // Split by characters (code points), never inside a surrogate pair.
    const chars = Array.from(text);
    for (let i = 0; i < chars.length && pieces.length < count; i += pieceBytes) {
      pieces.push(chars.slice(i, i + pieceBytes).join(""));
    }
  }
  return pieces;
}
