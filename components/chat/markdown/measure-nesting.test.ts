import { describe, expect, it } from "vitest";
import { isTooDeep, measureNesting, NESTING_LIMIT } from "./measure-nesting";

describe("measureNesting", () => {
  it("finds nothing in plain prose", () => {
    expect(measureNesting("Just a sentence.\nAnd another one > this.")).toEqual({
      quotes: 0,
      lists: 0,
      brackets: 0,
      emphasis: 0,
    });
  });

  it("counts the blockquote markers of a line, with or without spaces, inside lists too", () => {
    expect(measureNesting(">>> deep").quotes).toBe(3);
    expect(measureNesting("> > > > deep").quotes).toBe(4);
    expect(measureNesting("> once\n>> twice\nlazy").quotes).toBe(2);
    expect(measureNesting("- > - > x")).toMatchObject({ quotes: 2, lists: 2 });
  });

  it("counts list markers on one line and list items nested by indentation", () => {
    expect(measureNesting("- - - x").lists).toBe(3);
    expect(measureNesting("1. 2) + * x").lists).toBe(4);
    expect(measureNesting("- a\n  - b\n    - c\n      1. d").lists).toBe(4);
    expect(measureNesting("\t- a\n\t\t- b").lists).toBe(2);
  });

  it("lets a marker to the left close the items it is not inside", () => {
    const siblings = "- a\n  - b\n    - c\n- d\n  - e\n- f";
    expect(measureNesting(siblings).lists).toBe(3);
    const ordered = Array.from({ length: 50 }, (_, i) => `${i + 1}. item\n   - detail`).join("\n");
    expect(measureNesting(ordered).lists).toBe(2);
  });

  it("does not count what is not a list marker", () => {
    expect(measureNesting("-5 degrees\n*bold*\n+1\n1.5 litres\n1234567890. too long").lists).toBe(0);
    expect(measureNesting("- - -").lists).toBe(0); // a thematic break
    expect(measureNesting("* - - -").lists).toBe(1); // an item holding a thematic break
  });

  it("counts open brackets, not escaped ones, across lines of one paragraph", () => {
    expect(measureNesting("[[[x]]]").brackets).toBe(3);
    expect(measureNesting("![![x](a)](b)").brackets).toBe(2);
    expect(measureNesting("\\[\\[\\[ $x$ \\]").brackets).toBe(0);
    expect(measureNesting("[a\n[b\n[c").brackets).toBe(3);
    expect(measureNesting("] ] ] [x]").brackets).toBe(1); // stray closers do not go below zero
  });

  it("closes brackets at a blank line, but not at a line an empty item cannot interrupt", () => {
    expect(measureNesting("[[a\n\n[[b\n>\n[[c").brackets).toBe(2);
    expect(measureNesting("[[a\n1.\n[[b\n*\n[[c").brackets).toBe(6);
  });

  it("counts emphasis pairs inside each other, not pairs one after another", () => {
    expect(measureNesting("*a **b ***c*** b** a*").emphasis).toBe(6);
    expect(measureNesting("**one** and *two* and ~~three~~ and __four__").emphasis).toBe(2);
    const boldList = Array.from({ length: 40 }, (_, i) => `- **Term ${i}**: meaning`).join("\n");
    expect(measureNesting(boldList).emphasis).toBe(2);
    expect(measureNesting(`${"*".repeat(100)}x${"*".repeat(100)}`).emphasis).toBe(100);
    expect(measureNesting(`${"*a ".repeat(100)}x${" b*".repeat(100)}`).emphasis).toBe(100);
    expect(measureNesting(`${"_a ".repeat(50)}x\n${" b_".repeat(50)}`).emphasis).toBe(50);
  });

  it("does not count delimiters that cannot pair", () => {
    expect(measureNesting("a * b * c, 2*3*4*5, snake_case_name, **unclosed").emphasis).toBe(1);
    // CJK punctuation before a closer keeps it from closing (CommonMark's rule; the parser agrees).
    const notes = Array.from({ length: 40 }, () => "- **注意：**内容").join("\n");
    expect(measureNesting(notes).emphasis).toBe(0);
    expect(measureNesting("\\*a \\*b \\*c d\\* e\\*").emphasis).toBe(0);
  });

  it("pairs emphasis within a paragraph only", () => {
    expect(measureNesting(`${"*a ".repeat(20)}\n\n${" b*".repeat(20)}`).emphasis).toBe(0);
  });

  it("does not let a backslash at a line's end hide the next line's markers", () => {
    expect(measureNesting(`a\\\n${">".repeat(40)} x`).quotes).toBe(40);
  });

  it("measures code like prose: a fence the parser might not see as one hides nothing", () => {
    expect(measureNesting(`    \`\`\`\n${">".repeat(40)} x\n\`\`\``).quotes).toBe(40);
  });

  it("stops early once past stopAbove", () => {
    expect(measureNesting(`${"[".repeat(100)}\n${">".repeat(100)}`, 10)).toEqual({
      quotes: 0,
      lists: 0,
      brackets: 100,
      emphasis: 0,
    });
  });

  it("is linear: a megabyte of the worst shapes takes milliseconds, not seconds", () => {
    const megabyte = 1 << 20;
    const shapes = [
      ">".repeat(megabyte),
      `${"- ".repeat(megabyte / 2)}x`,
      "[".repeat(megabyte),
      "1".repeat(megabyte), // a digit run the marker check must not rescan
      Array.from({ length: 1400 }, (_, i) => `${" ".repeat(i)}- x`).join("\n"), // ~1 MB of indentation
      "\\".repeat(megabyte),
      "- a\n".repeat(megabyte / 4),
      `${"*a ".repeat(megabyte / 6)}x${" b*".repeat(megabyte / 6)}`,
      "*_~".repeat(megabyte / 3),
      "中文，**粗体：**".repeat(megabyte / 10), // CJK punctuation goes through the Unicode classes
    ];
    for (const text of shapes) {
      const started = performance.now();
      measureNesting(text);
      // Tens of ms here, 928 ms once on a machine at load 12; a quadratic scan of a megabyte would
      // take minutes.
      expect(performance.now() - started).toBeLessThan(5_000);
    }
  });
});

describe("isTooDeep", () => {
  it("passes real answers and stops the poisoned ones", () => {
    const answer = [
      "## Plan",
      "",
      "1. First [see the docs](https://example.com)",
      "   - detail with `arr[i][j]`",
      "     - more: ![chart](https://example.com/c.png), **bold *and italic***",
      "> a quote",
      "```python",
      "grid = [[[0] * 3] * 3] * 3",
      "```",
    ].join("\n");
    expect(isTooDeep(answer)).toBe(false);
    expect(isTooDeep(">".repeat(NESTING_LIMIT))).toBe(false);
    expect(isTooDeep(">".repeat(NESTING_LIMIT + 1))).toBe(true);
    expect(isTooDeep(`${"- ".repeat(3000)}x`)).toBe(true);
    expect(isTooDeep("- ".repeat(3000))).toBe(false); // one long thematic break
    expect(isTooDeep("> 1. ".repeat(1500))).toBe(true);
    expect(isTooDeep(`${"[".repeat(3000)}x${"]".repeat(3000)}`)).toBe(true);
    expect(isTooDeep(`${"![".repeat(3000)}x${"](a)".repeat(3000)}`)).toBe(true);
    expect(isTooDeep(`${"*".repeat(8000)}x${"*".repeat(8000)}`)).toBe(true);
  });
});
