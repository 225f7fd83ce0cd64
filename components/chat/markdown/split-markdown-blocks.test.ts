import { describe, expect, it } from "vitest";
import { normalizeMath } from "./normalize-math";
import { splitMarkdownBlocks } from "./split-markdown-blocks";

describe("splitMarkdownBlocks", () => {
  it("splits at blank lines", () => {
    expect(splitMarkdownBlocks("# Title\n\nOne.\nStill one.\n\nTwo.")).toEqual([
      "# Title",
      "One.\nStill one.",
      "Two.",
    ]);
  });

  it("keeps a fenced block whole, blank lines included, even unclosed", () => {
    const fenced = "```py\na = 1\n\nb = 2\n```";
    expect(splitMarkdownBlocks(`Intro\n\n${fenced}\n\nAfter`)).toEqual(["Intro", fenced, "After"]);
    expect(splitMarkdownBlocks("Intro\n\n```py\na = 1\n\nb")).toEqual(["Intro", "```py\na = 1\n\nb"]);
  });

  it("keeps a list together across blank lines and indented continuations", () => {
    const list = "1. one\n\n2. two\n\n   more about two\n\n- x";
    expect(splitMarkdownBlocks(`${list}\n\nDone.`)).toEqual([list, "Done."]);
  });

  it("keeps display math whole", () => {
    expect(splitMarkdownBlocks("$$\na\n\nb\n$$\n\nText")).toEqual(["$$\na\n\nb\n$$", "Text"]);
    expect(splitMarkdownBlocks("\\[\nx\n\n\\]\n\nText")).toEqual(["\\[\nx\n\n\\]", "Text"]);
  });

  it("gives earlier blocks the same text as the stream grows", () => {
    const full = "A paragraph.\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\nLast words";
    const blocks = splitMarkdownBlocks(full);
    for (let end = 1; end <= full.length; end++) {
      const partial = splitMarkdownBlocks(full.slice(0, end));
      partial.slice(0, -1).forEach((block, i) => {
        expect(block).toBe(blocks[i]);
      });
    }
  });
});

describe("normalizeMath", () => {
  it("rewrites \\( \\) and \\[ \\] outside code", () => {
    expect(normalizeMath("Area \\(\\pi r^2\\) and `\\(code\\)`")).toBe("Area $\\pi r^2$ and `\\(code\\)`");
    expect(normalizeMath("So \\[ x = 1 \\] done")).toBe("So \n$$\nx = 1\n$$\n done");
  });
});
