import { describe, expect, it } from "vitest";
import { attachment, fileStem } from "./attachment";

describe("attachment", () => {
  it("names the file after the title, exactly in UTF-8 and as ASCII for old clients", () => {
    const headers = attachment("茅台 股价 📈", "md", "text/markdown; charset=utf-8");
    expect(headers["Content-Disposition"]).toBe(
      `attachment; filename="conversation.md"; filename*=UTF-8''${encodeURIComponent("茅台 股价 📈.md")}`,
    );
    expect(attachment("Plan for Q3 (draft)", "json", "application/json")["Content-Disposition"]).toBe(
      `attachment; filename="Plan for Q3 (draft).json"; filename*=UTF-8''Plan%20for%20Q3%20%28draft%29.json`,
    );
    expect(attachment("Café 茅台", "md", "x")["Content-Disposition"]).toMatch(
      /^attachment; filename="Caf_ _.md";/,
    );
  });

  it("leaves out what a file system or a header would refuse", () => {
    expect(fileStem('a/b\\c:d*e?f"g<h>i|j')).toBe("a b c d e f g h i j");
    expect(fileStem("line\r\nbreak\u0000")).toBe("line break");
    expect(fileStem(" ..hidden.. ")).toBe("hidden");
    expect(fileStem("")).toBe("conversation");
    expect(fileStem("///")).toBe("conversation");
    // Cut at 80 characters, never inside an emoji.
    expect([...fileStem("😀".repeat(100))]).toHaveLength(80);
    expect(fileStem("😀".repeat(100))).toBe("😀".repeat(80));
  });
});
