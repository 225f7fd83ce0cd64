import type { RootContent } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { describe, expect, it } from "vitest";
import { dictionaries } from "@/components/i18n/dictionary";
import { pagePart, searchPart } from "@/lib/chat-client/__fixtures__/web-parts";
import type { ToolPart } from "@/lib/chat-client/types";
import { conversationMarkdown, type MarkdownMessage } from "./conversation-markdown";

// The Markdown export, read back with the parser the chat's own renderer uses (mdast, CommonMark):
// what a viewer would show, not just what the text contains.

const en = dictionaries.en;
const AT = Date.UTC(2026, 10, 28, 20, 45);

const question: MarkdownMessage = { role: "user", content: "茅台的股价是多少？", parts: [] };

const tool: ToolPart = {
  type: "tool",
  id: "call_1",
  name: "get_stock_info",
  server: "builtin",
  arguments: { symbol: "600519" },
  status: "done",
  result: { price: 1688.5, currency: "CNY" },
  startedAt: 1_000,
  endedAt: 1_400,
};

const answer: MarkdownMessage = {
  role: "assistant",
  content: "It trades at **1688.5 CNY**.\n\n| a | b |\n| - | - |\n| 1 | 2 |",
  parts: [
    { type: "reasoning", text: "Look it up first.", startedAt: 0, endedAt: 12_000 },
    tool,
    { type: "text", text: "It trades at **1688.5 CNY**.\n\n| a | b |\n| - | - |\n| 1 | 2 |" },
  ],
  status: "done",
  model: "deepseek-v4-pro",
  stats: {
    tool_calls: 1,
    tool_results: 1,
    tokens: { prompt: 1200, completion: 300, total: 1500, reasoning: 80, cached: 1024 },
    timing_ms: { first_byte: 500, total: 3500 },
    cost: { usd: 0.000_212_472, cny: 0.001_420_48, as_of: "2026-11-15" },
    cache_hit_share: 1024 / 1200,
  },
};

const render = (messages: MarkdownMessage[], title = "Moutai price", t = en) =>
  conversationMarkdown({ title, createdAt: AT, messages }, t);

/** The top-level blocks a viewer sees. */
const blocks = (markdown: string): RootContent[] => fromMarkdown(markdown).children;
const html = (markdown: string) =>
  blocks(markdown).flatMap((node) => (node.type === "html" ? [node.value.split("\n")[0] ?? ""] : []));
const code = (markdown: string) =>
  blocks(markdown).flatMap((node) => (node.type === "code" ? [{ lang: node.lang, value: node.value }] : []));

/** Every <details> we open is closed at the top level: nothing inside swallowed or closed it. */
function expectBalancedDetails(markdown: string, count: number) {
  const tags = html(markdown).filter((line) => /^<\/?details>/.test(line));
  expect(tags).toEqual(Array.from({ length: count }, () => ["<details>", "</details>"]).flat());
}

describe("conversationMarkdown", () => {
  it("writes the title, each turn with who said it, reasoning and tools folded, the answer as it was, and the stats", () => {
    const markdown = render([question, answer]);
    const headings = blocks(markdown).flatMap((node) =>
      node.type === "heading"
        ? [`${node.depth} ${markdown.slice(node.position?.start.offset, node.position?.end.offset)}`]
        : [],
    );
    expect(headings).toEqual(["1 # Moutai price", "2 ## You", "2 ## DeepSeek"]);
    expect(markdown).toContain("<sub>DeepSeek Chat · 2026-11-28 20:45 UTC</sub>");
    expect(markdown).toContain("茅台的股价是多少？");
    expect(markdown).toContain("<summary>Thought for 12 s</summary>\n\nLook it up first.\n\n</details>");
    expect(markdown).toContain(
      "<summary>Tool: <code>get_stock_info</code> (builtin) · Done in 400 ms</summary>",
    );
    expect(code(markdown)).toEqual([
      { lang: "json", value: '{\n  "symbol": "600519"\n}' },
      { lang: "json", value: '{\n  "price": 1688.5,\n  "currency": "CNY"\n}' },
    ]);
    // The answer's own Markdown is kept: a GFM table stays a table.
    expect(markdown).toContain("It trades at **1688.5 CNY**.\n\n| a | b |\n| - | - |\n| 1 | 2 |");
    expect(markdown).toContain(
      "<sub>deepseek-v4-pro · $0.00021 / ¥0.0014 (prices as of 2026-11-15) · prompt 1,200 · completion 300 · total 1,500 tokens · reasoning 80 · cache hits 85% · first byte 500 ms · time 3.5 s · 100.0 tok/s · 1 tool call</sub>",
    );
    // An answer saved before costs were kept: its cached tokens as a count, and no money.
    const { cost: _cost, cache_hit_share: _share, ...older } = answer.stats ?? ({} as never);
    expect(render([question, { ...answer, stats: older }])).toContain(
      "<sub>deepseek-v4-pro · prompt 1,200 · completion 300 · total 1,500 tokens · reasoning 80 · cache hits 1,024 ·",
    );
    expectBalancedDetails(markdown, 2);
    expect(blocks(markdown).filter((node) => node.type === "thematicBreak")).toHaveLength(2);
  });

  it("keeps a result that holds fences and </details> whole, inside a longer fence", () => {
    const hostile = "````md\n```js\nalert(1)\n```\n</details>\n# not a heading\n````";
    const markdown = render([
      question,
      {
        ...answer,
        parts: [
          { ...tool, result: hostile },
          { type: "text", text: "after" },
        ],
      },
    ]);
    expect(code(markdown).at(-1)).toEqual({ lang: null, value: hostile });
    expectBalancedDetails(markdown, 1);
    expect(blocks(markdown).at(-2)).toMatchObject({ type: "paragraph" });
  });

  it("escapes a </details> in reasoning and closes a fence the reasoning leaves open", () => {
    const markdown = render([
      {
        ...answer,
        parts: [
          { type: "reasoning", text: "maybe </details> <DETAILS> here", startedAt: 0, endedAt: 1 },
          { type: "reasoning", text: "```python\nprint('cut off", startedAt: 2 },
          { type: "text", text: "the answer" },
        ],
      },
    ]);
    expect(markdown).toContain("maybe &lt;/details> <DETAILS> here");
    // Still folded: the second reasoning is titled plainly (it never ended), and the answer follows outside.
    expect(markdown).toContain("<summary>Reasoning</summary>");
    expectBalancedDetails(markdown, 2);
    expect(
      blocks(markdown).some(
        (node) =>
          node.type === "paragraph" &&
          markdown.slice(node.position?.start.offset, node.position?.end.offset) === "the answer",
      ),
    ).toBe(true);
  });

  it("closes an answer's open fence so the stats line and later turns are not swallowed", () => {
    const cut: MarkdownMessage = { ...answer, parts: [{ type: "text", text: "~~~~ts\nconst x =" }] };
    const markdown = render([cut, question]);
    expect(code(markdown).at(-1)).toEqual({ lang: "ts", value: "const x =" });
    expect(blocks(markdown).at(-1)).toMatchObject({ type: "paragraph" });
    expect(markdown.trimEnd().endsWith("茅台的股价是多少？")).toBe(true);
  });

  it("shows a failed tool's raw arguments and error, an error part, and a stopped or interrupted answer", () => {
    const failed: ToolPart = {
      ...tool,
      status: "failed",
      raw_arguments: '{"symbol": 6005',
      error: "bad arguments",
      result: undefined,
    };
    const { result: _result, ...withoutResult } = failed;
    const markdown = render([
      question,
      {
        role: "assistant",
        content: "",
        parts: [
          withoutResult,
          { type: "error", message: "The model stopped.\nTry again.", code: "provider_error" },
        ],
        status: "error",
      },
      { role: "assistant", content: "half", parts: [{ type: "text", text: "half" }], status: "stopped" },
      {
        role: "assistant",
        content: "",
        parts: [],
        status: "interrupted",
        error: { finish_reason: "error", message: "lost" },
      },
    ]);
    expect(markdown).toContain("<summary>Tool: <code>get_stock_info</code> (builtin) · Failed</summary>");
    expect(code(markdown)).toEqual([
      { lang: null, value: '{"symbol": 6005' },
      { lang: null, value: "bad arguments" },
    ]);
    expect(markdown).toContain("> **Error:** The model stopped.\n> Try again. (`provider_error`)");
    expect(markdown).toContain("half\n\n*Stopped*");
    expect(markdown).toContain("*Interrupted*\n\n> **Error:** lost");
  });

  it("speaks the reader's language", () => {
    const markdown = render([question, answer], "茅台", dictionaries.zh);
    expect(markdown).toContain("## 你");
    expect(markdown).toContain("<summary>已深度思考（用时 12 秒）</summary>");
    expect(markdown).toContain(
      "<summary>工具: <code>get_stock_info</code> (builtin) · 完成，用时 400 ms</summary>",
    );
    expect(markdown).toContain("**参数**");
  });

  it("writes a title as text, and names an untitled conversation after the app", () => {
    expect(render([], "<details> & <b>").split("\n")[0]).toBe("# &lt;details&gt; &amp; &lt;b&gt;");
    expect(render([], "  \n ").split("\n")[0]).toBe("# DeepSeek Chat");
  });
});

describe("a question's files", () => {
  it("are listed by name and size above its text", () => {
    const withFiles: MarkdownMessage = {
      role: "user",
      content: "总结一下",
      parts: [
        { type: "file", name: "a<b>.pdf", media_type: "application/pdf", size: 26_498, text: "secret text" },
      ],
    };
    const markdown = render([withFiles]);
    expect(markdown).toContain("## You\n\n- 📎 a&lt;b&gt;.pdf (26 KB)\n\n总结一下");
    expect(markdown).not.toContain("secret text");
  });
});

describe("a question's images", () => {
  it("are listed by name and size, without their bytes", () => {
    const withImage: MarkdownMessage = {
      role: "user",
      content: "这是什么?",
      parts: [
        { type: "image", name: "截图.png", media_type: "image/png", size: 48_213, data: "iVBORw0KGgo=" },
      ],
    };
    const markdown = render([withImage]);
    expect(markdown).toContain("## You\n\n- 🖼️ 截图.png (48 KB)\n\n这是什么?");
    expect(markdown).not.toContain("iVBORw0KGgo");
  });
});

describe("an answer's web sources", () => {
  const cited: MarkdownMessage = {
    ...answer,
    parts: [searchPart, pagePart, { type: "text", text: "茅台收盘 1688.50 元[1]，营收增长【4】。" }],
  };

  it("are listed under it by their numbers, linked, and its citations stay as written", () => {
    const markdown = render([question, cited]);
    expect(markdown).toContain("茅台收盘 1688.50 元[1]，营收增长【4】。");
    const list = blocks(markdown).find((node) => node.type === "list");
    if (list?.type !== "list") throw new Error("no sources list");
    expect(list.ordered).toBe(false);
    const items = list.children.map((item) => {
      const paragraph = item.children[0];
      if (paragraph?.type !== "paragraph") throw new Error("not a paragraph");
      const link = paragraph.children.find((node) => node.type === "link");
      const first = paragraph.children[0];
      return {
        number: first?.type === "text" ? first.value.trim() : "",
        url: link?.type === "link" ? link.url : "",
        title:
          link?.type === "link" ? link.children.map((c) => (c.type === "text" ? c.value : "")).join("") : "",
      };
    });
    expect(items).toEqual([
      { number: "[1]", url: "https://www.example.com/quote/600519", title: "贵州茅台 (600519) 行情" },
      { number: "[2]", url: "https://news.example.org/moutai?id=2", title: "Moutai shares [rally]" },
      { number: "[4]", url: "https://finance.example.net/moutai", title: "Moutai's quarter" },
    ]);
    expect(markdown).toContain("**Sources**");
    expect(markdown).toContain("· example.com\n");
    expect(markdown).not.toContain("(<javascript:");
  });

  it("are headed in the reader's language, and absent from an answer without them", () => {
    expect(render([question, cited], "t", dictionaries.zh)).toContain("**来源**\n\n- [1] ");
    expect(render([question, answer])).not.toContain("**Sources**");
  });
});
