import { describe, expect, it } from "vitest";
import { docxHtmlToText } from "./extract-docx";

// mammoth's HTML as the model reads it: headings, lists, tables, entities, no pictures.

describe("docxHtmlToText", () => {
  it("keeps the document's shape in plain text", () => {
    const html =
      "<h1>计划 &amp; 预算</h1><p>First <strong>bold</strong> line</p><ul><li>one</li><li>two &lt;b&gt;</li></ul>" +
      '<p><img src="data:image/png;base64,AAAA" /></p><table><tr><td><p>A</p><p>a2</p></td><td><p>B | b &amp;lt;</p></td></tr>' +
      "<tr><td><p>1</p></td></tr></table><p>end</p>";
    expect(docxHtmlToText(html)).toBe(
      "# 计划 & 预算\n\nFirst bold line\n\n- one\n- two <b>\n\n| A a2 | B \\| b &lt; |\n| --- | --- |\n| 1 |  |\n\nend",
    );
  });
});
