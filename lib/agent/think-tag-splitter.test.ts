import { describe, expect, it } from "vitest";
import { ThinkTagSplitter } from "./think-tag-splitter";

function run(pieces: string[]) {
  const splitter = new ThinkTagSplitter();
  let reasoning = "";
  let text = "";
  for (const piece of [...pieces.map((p) => splitter.push(p)), splitter.flush()]) {
    reasoning += piece.reasoning;
    text += piece.text;
  }
  return { reasoning, text };
}

describe("ThinkTagSplitter", () => {
  it("passes plain answers through", () => {
    expect(run(["Hello", " world"])).toEqual({ reasoning: "", text: "Hello world" });
  });

  it("splits inline reasoning, with tags cut across chunks", () => {
    expect(run(["<thi", "nk>用户", "想知道</th", "ink>\n\n贵州", "茅台"])).toEqual({
      reasoning: "用户想知道",
      text: "贵州茅台",
    });
  });

  it("splits at every possible cut point", () => {
    const whole = "<think>plan a</think>\n\nThe answer.";
    for (let i = 1; i < whole.length; i++) {
      expect(run([whole.slice(0, i), whole.slice(i)])).toEqual({ reasoning: "plan a", text: "The answer." });
    }
  });

  it("leaves a <think> that is not at the start of the answer alone", () => {
    expect(run(["Use the ", "<think> tag"])).toEqual({ reasoning: "", text: "Use the <think> tag" });
  });

  it("flushes unterminated reasoning at the end", () => {
    expect(run(["<think>still thinking", "</th"])).toEqual({ reasoning: "still thinking</th", text: "" });
  });
});
