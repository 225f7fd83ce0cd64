import { describe, expect, it } from "vitest";
import { closeOpenFence, escapeHtml, fenced, insideDetails } from "./markdown-blocks";

describe("markdown blocks", () => {
  it("fences text with a fence longer than any run of backticks inside", () => {
    expect(fenced('{"a": 1}', "json")).toBe('```json\n{"a": 1}\n```');
    expect(fenced("has ```` four")).toBe("`````\nhas ```` four\n`````");
  });

  it("closes a fence left open, with the fence that opened it, and leaves closed ones alone", () => {
    expect(closeOpenFence("```ts\nconst a = 1;\n```\ntext")).toBe("```ts\nconst a = 1;\n```\ntext");
    expect(closeOpenFence("text\n````md\n```\nstill inside")).toBe("text\n````md\n```\nstill inside\n````");
    expect(closeOpenFence("~~~\nx\n```")).toBe("~~~\nx\n```\n~~~");
    expect(closeOpenFence("```\nx\n`````")).toBe("```\nx\n`````");
    // Not fences: an info string with a backtick, four spaces of indent, inline code.
    expect(closeOpenFence("``` a`b\ntext")).toBe("``` a`b\ntext");
    expect(closeOpenFence("    ```\ncode")).toBe("    ```\ncode");
    expect(closeOpenFence("use ``` inline")).toBe("use ``` inline");
  });

  it("escapes what would close our <details>, and HTML meant as text", () => {
    expect(insideDetails("a </details> b </DETAILS >")).toBe("a &lt;/details> b &lt;/DETAILS >");
    expect(escapeHtml("<b> & </summary>")).toBe("&lt;b&gt; &amp; &lt;/summary&gt;");
  });
});
