import { describe, expect, it } from "vitest";
import { nestedDeeperThan } from "./json-depth";

function nested(levels: number): unknown {
  return JSON.parse(`${"[".repeat(levels)}${"]".repeat(levels)}`);
}

describe("nestedDeeperThan", () => {
  it("counts arrays and objects, not scalars", () => {
    expect(nestedDeeperThan("text", 0)).toBe(false);
    expect(nestedDeeperThan({}, 0)).toBe(true);
    expect(nestedDeeperThan({ a: [1, { b: 2 }] }, 3)).toBe(false);
    expect(nestedDeeperThan({ a: [1, { b: 2 }] }, 2)).toBe(true);
    expect(nestedDeeperThan(nested(64))).toBe(false);
    expect(nestedDeeperThan(nested(65))).toBe(true);
  });

  it("walks a value far deeper than the stack without recursing", () => {
    expect(nestedDeeperThan(nested(1_000_000))).toBe(true);
    const wide = Array.from({ length: 100_000 }, (_, i) => ({ i, tags: ["a", "b"] }));
    expect(nestedDeeperThan(wide)).toBe(false);
  });
});
