import { describe, expect, it } from "vitest";
import { KeyCounts } from "./key-counts";

describe("KeyCounts", () => {
  it("counts up and down per key, an unknown key counting 0", () => {
    const counts = new KeyCounts();
    counts.add("a", 1);
    counts.add("a", 1);
    counts.add("b", 1);
    counts.add("a", -1);
    expect([counts.get("a"), counts.get("b"), counts.get("c")]).toEqual([1, 1, 0]);
  });

  it("forgets a key at zero, so one released too often does not go below it", () => {
    const counts = new KeyCounts();
    counts.add("a", 1);
    counts.add("a", -1);
    counts.add("a", -1);
    expect(counts.get("a")).toBe(0);
    counts.add("a", 1);
    expect(counts.get("a")).toBe(1);
  });
});
