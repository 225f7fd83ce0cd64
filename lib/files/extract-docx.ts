import "server-only";
import mammoth from "mammoth";
import { FileError } from "./file-error";
import { markdownTable } from "./markdown-table";

// A Word document's text (mammoth): paragraphs and headings as lines, lists as "- " items, tables
// as Markdown tables. mammoth's HTML is small and regular (p, h1–h6, ul/ol/li, table/tr/td, inline
// marks), so it is read here with a few patterns rather than a DOM. Pictures are left out.

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" };

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ENTITIES[name] ?? "");
}

/** A cell's text: its paragraphs joined by a space, tags dropped (entities stay: decoded once, at the end). */
function cellText(html: string): string {
  return html
    .replace(/<\/p>\s*<p[^>]*>/g, " ")
    .replace(/<br\s*\/?>/g, " ")
    .replace(/<[^>]+>/g, "")
    .trim();
}

function table(body: string): string {
  const rows = body
    .split(/<\/tr>/)
    .map((row) =>
      [...row.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((cell) => cellText(cell[1] ?? "")),
    )
    .filter((cells) => cells.length > 0);
  return `\n\n${markdownTable(rows)}\n\n`;
}

export function docxHtmlToText(html: string): string {
  const text = html
    .replace(/<img[^>]*>/g, "")
    .replace(/<table[^>]*>([\s\S]*?)<\/table>/g, (_, body: string) => table(body))
    .replace(/<h([1-6])[^>]*>/g, (_, level: string) => `\n\n${"#".repeat(Number(level))} `)
    .replace(/<li[^>]*>/g, "\n- ")
    .replace(/<\/(p|h[1-6]|ul|ol)>/g, "\n\n")
    .replace(/<br\s*\/?>/g, "\n")
    .replace(/<[^>]+>/g, "");
  return decode(text)
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

export async function extractDocx(bytes: Uint8Array): Promise<string> {
  let html: string;
  try {
    ({ value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }));
  } catch {
    throw new FileError(
      "file_unreadable",
      "The file is not a Word document that can be read (damaged or incomplete?).",
    );
  }
  const text = docxHtmlToText(html);
  if (text === "") throw new FileError("file_no_text", "The document has no text.");
  return text;
}
