import { describe, expect, it } from "vitest";
import { titleFrom } from "./title-from";

describe("titleFrom", () => {
  it("takes the first non-empty line, trimmed", () => {
    expect(titleFrom("\n   分析一下 600519  \nsecond line")).toBe("分析一下 600519");
  });

  it("keeps it to 40 characters without splitting a character", () => {
    const title = titleFrom("😀".repeat(60));
    expect(Array.from(title)).toHaveLength(40);
    expect(title.endsWith("…")).toBe(true);
    expect(title.startsWith("😀".repeat(39))).toBe(true);
    expect(titleFrom("a".repeat(40))).toBe("a".repeat(40));
  });

  it("falls back for an empty text", () => {
    expect(titleFrom("  \n ")).toBe("New chat");
    expect(titleFrom("", "Untitled")).toBe("Untitled");
  });
});
