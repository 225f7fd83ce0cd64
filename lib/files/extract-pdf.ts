import "server-only";
import { extractText, getDocumentProxy } from "unpdf";
import { FileError } from "./file-error";

// A PDF's text layer, page by page, through pdf.js (unpdf's build for servers). A scan has pages
// but no text: that is said, not sent as an empty file.

export interface PdfLimits {
  maxPages: number;
  signal: AbortSignal;
}

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

async function open(bytes: Uint8Array): Promise<PdfDocument> {
  try {
    // pdf.js takes the buffer over (transfers it to its worker): give it a copy.
    return await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  } catch (error) {
    if (error instanceof Error && error.name === "PasswordException") {
      throw new FileError(
        "file_encrypted",
        "The PDF is protected by a password: remove it and attach the file again.",
      );
    }
    throw new FileError(
      "file_unreadable",
      "The file is not a PDF that can be read (damaged or incomplete?).",
    );
  }
}

export async function extractPdf(bytes: Uint8Array, { maxPages, signal }: PdfLimits): Promise<string> {
  const pdf = await open(bytes);
  try {
    if (pdf.numPages > maxPages) {
      throw new FileError(
        "file_too_many_pages",
        `The PDF has ${pdf.numPages} pages; this server reads at most ${maxPages}.`,
      );
    }
    signal.throwIfAborted();
    const { text } = await extractText(pdf, { mergePages: false });
    signal.throwIfAborted();
    const pages = text.map((page) => page.trim());
    if (pages.every((page) => page === "")) {
      throw new FileError(
        "file_no_text",
        "The PDF has no text layer (a scan or pictures of text): run it through OCR first, or copy the text in.",
      );
    }
    return pages.join("\n\n");
  } finally {
    await pdf.destroy().catch(() => {});
  }
}
