import { describe, expect, it } from "vitest";
import { splitArguments, splitText, toArgumentsJson } from "./chunker";
import { fixturePieces } from "./fixtures";

describe("splitText", () => {
  it("gives back the input exactly when joined", () => {
    const samples = [
      'We need to count the letter "r".\n\nPosition 1: s\n',
      "用户想查询贵州茅台（600519）的股票信息，我需要调用 get_stock_info 工具。",
      "  leading spaces, tabs\tand\r\nCRLF, emoji 😀 and internationalization",
      "",
    ];
    for (const sample of samples) expect(splitText(sample).join("")).toBe(sample);
  });

  it("cuts English into words with their leading space, like the recordings", () => {
    expect(splitText("The word is spelled: s-t.")).toEqual([
      "The",
      " word",
      " is",
      " spelled",
      ":",
      " s",
      "-",
      "t",
      ".",
    ]);
  });

  it("keeps newlines after punctuation in the same piece, as in `.\\n\\n`", () => {
    expect(splitText("Done.\n\nNext")).toEqual(["Done", ".\n\n", "Next"]);
  });

  it("cuts Chinese into one- or two-character pieces", () => {
    const pieces = splitText("工具已经返回了结果");
    expect(pieces.join("")).toBe("工具已经返回了结果");
    for (const piece of pieces) expect(Array.from(piece).length).toBeLessThanOrEqual(2);
    expect(pieces.length).toBeGreaterThan(4);
  });

  it("never yields empty pieces", () => {
    const { reasoning, content } = fixturePieces("v3.2-reasoner-text");
    const text = reasoning.join("") + content.join("");
    expect(splitText(text).every((piece) => piece.length > 0)).toBe(true);
  });
});

describe("splitArguments", () => {
  it("matches the recorded tool-call fragments exactly", () => {
    expect(splitArguments('{"location": "San Francisco"}')).toEqual([
      "{",
      '"',
      "location",
      '"',
      ": ",
      '"',
      "San",
      " Francisco",
      '"',
      "}",
    ]);
  });

  it("joins back to the input, even for arguments that are not valid JSON", () => {
    for (const json of ['{"code": "600519"', '{"a": [1, 2], "b": {"c": "x:y"}}', "{}", "not json"]) {
      expect(splitArguments(json).join("")).toBe(json);
    }
  });
});

describe("toArgumentsJson", () => {
  it("writes the model's spacing", () => {
    expect(toArgumentsJson({ timezone: "Asia/Shanghai", n: [1, 2], deep: { ok: true } })).toBe(
      '{"timezone": "Asia/Shanghai", "n": [1, 2], "deep": {"ok": true}}',
    );
    expect(JSON.parse(toArgumentsJson({ expression: "2*(3+4)" }))).toEqual({ expression: "2*(3+4)" });
  });
});
