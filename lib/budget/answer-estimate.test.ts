import { describe, expect, it } from "vitest";
import { estimateAmounts, firstRoundEstimate, laterRoundEstimate, OUTPUT_ALLOWANCE } from "./answer-estimate";

describe("the estimate held before a round", () => {
  it("counts 0.6 tokens per character of the input, tool parts included, plus the output allowance", () => {
    const estimate = firstRoundEstimate([
      { content: "a".repeat(100) },
      { content: "你好".repeat(25), parts: [{ type: "text", text: "x" }] },
    ]);
    const partsChars = JSON.stringify([{ type: "text", text: "x" }]).length;
    expect(estimate).toEqual({ prompt: Math.ceil((150 + partsChars) * 0.6), completion: OUTPUT_ALLOWANCE });
    expect(estimateAmounts(estimate, 0.002)).toEqual({
      tokens: estimate.prompt + OUTPUT_ALLOWANCE,
      usd: 0.002,
    });
  });

  it("expects a later round to read what the last read and wrote", () => {
    expect(laterRoundEstimate({ prompt: 1_200, completion: 300 })).toEqual({
      prompt: 1_500,
      completion: OUTPUT_ALLOWANCE,
    });
  });

  it("holds no money for a model without a price", () => {
    expect(estimateAmounts({ prompt: 10, completion: 5 }, undefined)).toEqual({ tokens: 15, usd: 0 });
  });
});
