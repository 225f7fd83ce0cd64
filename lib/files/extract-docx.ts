import "server-only";
import mammoth from "mammoth";
import { FileError } from "./file-error";

// A Word document's text, paragraph by paragraph (mammoth), tables' cells in reading order.

export async function extractDocx(bytes: Uint8Array): Promise<string> {
  let text: string;
  try {
    ({ value: text } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) }));
  } catch {
    throw new FileError(
      "file_unreadable",
      "The file is not a Word document that can be read (damaged or incomplete?).",
    );
  }
  const trimmed = text.replace(/\n{3,}/g, "\n\n").trim();
  if (trimmed === "") throw new FileError("file_no_text", "The document has no text.");
  return trimmed;
}
