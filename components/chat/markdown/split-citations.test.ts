import { describe, expect, it } from "vitest";
import { splitCitations } from "./split-citations";

const upTo = (n: number) => (index: number) => index >= 1 && index <= n;

describe("splitCitations", () => {
  it("finds [n], [n][m], [n, m], [citation:n] and the full-width 【n】", () => {
    expect(splitCitations("Paris[1].", upTo(3))).toEqual(["Paris", { indexes: [1] }, "."]);
    expect(splitCitations("a [1][2] b", upTo(3))).toEqual(["a ", { indexes: [1] }, { indexes: [2] }, " b"]);
    expect(splitCitations("x [1, 3]", upTo(3))).toEqual(["x ", { indexes: [1, 3] }]);
    expect(splitCitations("[2]", upTo(3))).toEqual([{ indexes: [2] }]);
    expect(splitCitations("见[citation:2]。", upTo(3))).toEqual(["见", { indexes: [2] }, "。"]);
    expect(splitCitations("股价上涨【1】【2】，", upTo(3))).toEqual([
      "股价上涨",
      { indexes: [1] },
      { indexes: [2] },
      "，",
    ]);
    expect(splitCitations("据报道[1，2]。", upTo(3))).toEqual(["据报道", { indexes: [1, 2] }, "。"]);
  });

  it("leaves text whose numbers are not all sources as written", () => {
    expect(splitCitations("a[1] is the second element", upTo(0))).toEqual(["a[1] is the second element"]);
    expect(splitCitations("see [4]", upTo(3))).toEqual(["see [4]"]);
    expect(splitCitations("see [1, 4]", upTo(3))).toEqual(["see [1, 4]"]);
    expect(splitCitations("[x] [1a] [ 1 ] [-1]", upTo(3))).toEqual(["[x] [1a] [ 1 ] [-1]"]);
    expect(splitCitations("", upTo(3))).toEqual([""]);
  });

  it("waits for the closing bracket of a citation cut off at the end of a streamed chunk", () => {
    expect(splitCitations("rose 3% [1", upTo(3))).toEqual(["rose 3% [1"]);
    expect(splitCitations("rose 3% [1, ", upTo(3))).toEqual(["rose 3% [1, "]);
    expect(splitCitations("rose 3% [1]", upTo(3))).toEqual(["rose 3% ", { indexes: [1] }]);
  });
});
