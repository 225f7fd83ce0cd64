import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import remarkGfm from "remark-gfm";
import { describe, expect, it } from "vitest";
import { pagePart, searchPart } from "@/lib/chat-client/__fixtures__/web-parts";
import { answerSources, type WebSource } from "@/lib/chat-client/answer-sources";
import { MarkdownBlock } from "./markdown-block";
import { remarkCitations } from "./remark-citations";

// The citation step in the renderer the chat uses: what the reader gets, as HTML.

const sources = answerSources([searchPart, pagePart]);

function html(text: string, list: readonly WebSource[] = sources): string {
  const options = { sources: new Map(list.map((source) => [source.index, source])) };
  return renderToStaticMarkup(
    createElement(MarkdownBlock, {
      text,
      plugins: { remark: [remarkGfm, [remarkCitations, options]], rehype: [] },
      copyLabel: "Copy",
      copiedLabel: "Copied",
      tooDeepNote: "too deep",
      sourceLabel: (index: number, title: string) => `Source ${index}: ${title}`,
    }),
  );
}

const citations = (markup: string) =>
  [...markup.matchAll(/<sup class="citation"><a href="([^"]*)"[^>]*>(\d+)<\/a><\/sup>/g)].map((m) => [
    m[2],
    m[1],
  ]);

describe("remarkCitations", () => {
  it("links [n] to source n, in a new tab, titled, as a superscript", () => {
    const markup = html("茅台收盘 1688.50 元[1]，季度营收增长【4】。");
    expect(citations(markup)).toEqual([
      ["1", "https://www.example.com/quote/600519"],
      ["4", "https://finance.example.net/moutai"],
    ]);
    expect(markup).toContain('target="_blank" rel="noopener noreferrer" title="贵州茅台 (600519) 行情"');
    expect(markup).toContain('aria-label="Source 1: 贵州茅台 (600519) 行情"');
    expect(markup).not.toContain("[1]");
  });

  it("links each number of [1][2] and [1, 2], in lists, tables and emphasis", () => {
    const markup = html("- **up** [1][2]\n- down [1, 2]\n\n| a |\n| - |\n| x [4] |");
    expect(citations(markup).map(([index]) => index)).toEqual(["1", "2", "1", "2", "4"]);
  });

  it("leaves code, math-like text in code, link text and numbers without a source alone", () => {
    const markup = html(
      "`a[1]` and\n\n```js\nconst x = a[1];\n```\n\n[see [1]](https://example.com) and [3] and [9]",
    );
    expect(citations(markup)).toEqual([]);
    expect(markup).toContain("<code>a[1]</code>");
    expect(markup).toContain("const x = a[1];");
    expect(markup).toContain("and [3] and [9]");
  });

  it("changes nothing in an answer without sources", () => {
    expect(html("a[1] is the second element [1]", [])).toBe(
      '<div class="markdown-block"><p>a[1] is the second element [1]</p></div>',
    );
  });

  it("renders a link the model wrote as a plain link, not a citation", () => {
    const markup = html("[1](https://www.example.com/quote/600519)");
    expect(citations(markup)).toEqual([]);
    expect(markup).toContain('<a href="https://www.example.com/quote/600519" target="_blank"');
  });
});
