import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ToolError } from "@/lib/mcp/builtin/tool-error";
import { pageText } from "./page-text";

const signal = new AbortController().signal;
const limits = { pdfMaxPages: 20, signal };
const fetched = (contentType: string, body: string | Uint8Array) => ({
  url: "https://news.example.com/a",
  contentType,
  body: typeof body === "string" ? new TextEncoder().encode(body) : body,
});

const paragraph = (n: number) =>
  `<p>Paragraph ${n} of the article explains, in sentences long enough for Readability to count them, what DeepSeek V4 changes for people who run it, and why the context window matters.</p>`;

const article = `<!doctype html><html><head><title>V4 released | Example News</title>
<script>window.tracking = "do not read me";</script><style>.x{}</style></head>
<body><nav><a href="/">Home</a><a href="/world">World</a></nav>
<article><h1>V4 released</h1>${[1, 2, 3, 4, 5].map(paragraph).join("")}</article>
<footer>Copyright Example News</footer></body></html>`;

describe("pageText", () => {
  it("reads an HTML page's article with Readability, without scripts, menus or footer", async () => {
    const page = await pageText(fetched("text/html; charset=utf-8", article), limits);
    expect(page.title).toMatch(/V4 released/);
    expect(page.text).toContain("Paragraph 1 of the article");
    expect(page.text).toContain("Paragraph 5");
    expect(page.text).not.toContain("do not read me");
    expect(page.text).not.toContain("Copyright Example News");
  });

  it("falls back to the body text when there is no article, still without scripts", async () => {
    const html =
      "<html><head><title>Tiny</title><script>var hidden = 1;</script></head><body><div>Just   a line.</div></body></html>";
    const page = await pageText(fetched("text/html", html), limits);
    expect(page).toEqual({ title: "Tiny", text: "Just a line." });
  });

  it("decodes the charset the page names", async () => {
    const gbk = Uint8Array.from([0xc4, 0xe3, 0xba, 0xc3]); // 你好 in GBK
    const page = await pageText(fetched("text/plain; charset=gbk", gbk), limits);
    expect(page.text).toBe("你好");
  });

  it("reads a PDF through the files' extractor", async () => {
    const pdf = readFileSync(new URL("../files/__fixtures__/chinese.pdf", import.meta.url));
    const page = await pageText(fetched("application/pdf", Uint8Array.from(pdf)), limits);
    expect(page.text.length).toBeGreaterThan(10);
  });

  it("refuses other types with a sentence", async () => {
    await expect(pageText(fetched("image/png", "\u0089PNG"), limits)).rejects.toSatisfy(
      (error) =>
        error instanceof ToolError && /image\/png, which the reader does not read/.test(error.message),
    );
  });
});
