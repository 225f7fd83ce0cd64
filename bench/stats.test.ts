import { describe, expect, it } from "vitest";
import { addedDelays, perThousand, ratio, rotate, summarize } from "./stats";

describe("summarize", () => {
  it("gives nearest-rank p50 and p99 and the maximum", () => {
    const samples = Array.from({ length: 200 }, (_, i) => 200 - i); // 200..1, unsorted
    expect(summarize(samples)).toEqual({ n: 200, p50: 100, p99: 198, max: 200 });
  });

  it("is NaN, not zero, without samples", () => {
    const empty = summarize([]);
    expect(empty.n).toBe(0);
    expect(empty.p50).toBeNaN();
  });
});

describe("ratio", () => {
  it("divides to two decimals", () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(1, 3)).toBe(0.33);
  });

  it("is null when it cannot be computed, so a missing figure never passes a target", () => {
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(Number.NaN, 2)).toBeNull();
    expect(ratio(null, 2)).toBeNull();
  });
});

describe("perThousand", () => {
  it("scales a total to 1,000 items", () => {
    expect(perThousand(250, 2_000)).toBe(125);
    expect(perThousand(5, 0)).toBeNaN();
  });
});

describe("addedDelays", () => {
  it("pairs arrivals with sends by position", () => {
    expect(addedDelays([10, 25, 31], [9, 20, 30])).toEqual([1, 5, 1]);
  });

  it("refuses to pair streams of different lengths", () => {
    expect(addedDelays([10, 25], [9, 20, 30])).toBeUndefined();
  });
});

describe("rotate", () => {
  it("starts each round with the next item", () => {
    expect(rotate(["a", "b", "c"], 0)).toEqual(["a", "b", "c"]);
    expect(rotate(["a", "b", "c"], 1)).toEqual(["b", "c", "a"]);
    expect(rotate(["a", "b", "c"], 5)).toEqual(["c", "a", "b"]);
  });
});

describe("summarize at scale", () => {
  it("takes more samples than a spread argument list could hold", () => {
    const samples = Array.from({ length: 500_000 }, (_, i) => i % 1000);
    expect(summarize(samples)).toMatchObject({ n: 500_000, max: 999 });
  });
});
