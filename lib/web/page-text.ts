import "server-only";
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { extractPdf } from "@/lib/files/extract-pdf";
import { FileError } from "@/lib/files/file-error";
import { ToolError } from "@/lib/mcp/builtin/tool-error";
import type { Fetched } from "./safe-fetch";

// The readable text of a fetched page: an HTML page's article through Mozilla Readability over
// linkedom (a DOM without a browser), or its whole body text when Readability finds no article;
// plain text as is; a PDF through the files' extractor (PROTOCOL.md section 20). Nothing else.

export interface PageText {
  title: string;
  text: string;
}

const HTML = new Set(["text/html", "application/xhtml+xml"]);
const TEXT = new Set(["application/json", "application/xml", "application/javascript"]);

function mediaType(contentType: string): string {
  return (contentType.split(";")[0] ?? "").trim().toLowerCase();
}

/** The charset the header names, else (HTML) the page's own <meta>, else UTF-8. */
function decode(body: Uint8Array, contentType: string, html: boolean): string {
  const head = html ? Buffer.from(body.subarray(0, 2048)).toString("latin1") : "";
  const label =
    /charset\s*=\s*"?([\w-]+)/i.exec(contentType)?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1];
  try {
    return new TextDecoder(label ?? "utf-8").decode(body);
  } catch {
    return new TextDecoder("utf-8").decode(body);
  }
}

/** Whitespace as a reader would see it: one space within a line, at most one blank line between. */
function tidy(text: string): string {
  return text
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function bodyText(html: string): string {
  const { document } = parseHTML(html);
  for (const node of document.querySelectorAll("script, style, noscript, template, svg")) node.remove();
  return document.body?.textContent ?? document.documentElement?.textContent ?? "";
}

function htmlText(html: string): PageText {
  const { document } = parseHTML(html);
  const title = tidy(document.title ?? "");
  let article: ReturnType<Readability["parse"]> = null;
  try {
    // linkedom's document is not lib.dom's type, but it is the DOM Readability walks.
    article = new Readability(document as unknown as Document).parse();
  } catch {
    article = null;
  }
  const text = tidy(article?.textContent ?? "");
  if (text) return { title: tidy(article?.title ?? "") || title, text };
  return { title, text: tidy(bodyText(html)) };
}

async function pdfText(body: Uint8Array, maxPages: number, signal: AbortSignal): Promise<PageText> {
  try {
    return { title: "", text: await extractPdf(body, { maxPages, signal }) };
  } catch (error) {
    if (error instanceof FileError) throw new ToolError("invalid_input", error.message);
    throw error;
  }
}

export async function pageText(
  fetched: Fetched,
  limits: { pdfMaxPages: number; signal: AbortSignal },
): Promise<PageText> {
  const type = mediaType(fetched.contentType);
  const looksPdf = Buffer.from(fetched.body.subarray(0, 5)).toString("latin1") === "%PDF-";
  if (type === "application/pdf" || (looksPdf && (type === "" || type === "application/octet-stream")))
    return pdfText(fetched.body, limits.pdfMaxPages, limits.signal);
  if (HTML.has(type) || type === "") return htmlText(decode(fetched.body, fetched.contentType, true));
  if (type.startsWith("text/") || TEXT.has(type) || type.endsWith("+json") || type.endsWith("+xml"))
    return { title: "", text: tidy(decode(fetched.body, fetched.contentType, false)) };
  throw new ToolError(
    "invalid_input",
    `${fetched.url} is ${type}, which the reader does not read (it reads HTML, text and PDF pages).`,
  );
}
