import { describe, expect, it } from "vitest";
import { markdownTable, targetsTable } from "./report";

describe("markdownTable", () => {
  it("pads columns and shows missing figures as a dash", () => {
    expect(
      markdownTable(
        ["a", "figure"],
        [
          ["x", 1.5],
          ["long name", Number.NaN],
          ["y", null],
        ],
      ),
    ).toBe(
      [
        "| a         | figure |",
        "| --------- | ------ |",
        "| x         | 1.5    |",
        "| long name | –      |",
        "| y         | –      |",
      ].join("\n"),
    );
  });
});

describe("targetsTable", () => {
  it("prints pass, fail and n/a with the figure and its limit", () => {
    const table = targetsTable([
      { id: "a", description: "cpu", measured: 1.2, limit: 1.5, unit: "×", pass: true },
      { id: "b", description: "delay", measured: 80, limit: 50, unit: "ms", pass: false },
      { id: "c", description: "rss", measured: null, limit: 64, unit: "KiB", pass: null },
    ]);
    expect(table.split("\n").slice(2)).toEqual([
      "| cpu    | 1.2 ×    | ≤ 1.5 ×  | PASS   |",
      "| delay  | 80 ms    | ≤ 50 ms  | FAIL   |",
      "| rss    | –        | ≤ 64 KiB | n/a    |",
    ]);
  });
});
