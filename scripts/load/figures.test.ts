import { describe, expect, it } from "vitest";
import { peakOverlap } from "./figures";

describe("peakOverlap", () => {
  it("counts the most intervals open at once; touching ones do not overlap", () => {
    expect(peakOverlap([])).toBe(0);
    expect(
      peakOverlap([
        { start: 0, end: 10 },
        { start: 5, end: 15 },
        { start: 10, end: 20 },
        { start: 12, end: 13 },
      ]),
    ).toBe(3);
    expect(
      peakOverlap([
        { start: 0, end: 10 },
        { start: 10, end: 20 },
      ]),
    ).toBe(1);
  });
});
