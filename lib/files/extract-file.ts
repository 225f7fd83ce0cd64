import "server-only";
import type { FilePart } from "@/lib/protocol/file-part";
import { extractCsv } from "./extract-csv";
import { extractDocx } from "./extract-docx";
import { extractPdf } from "./extract-pdf";
import { extractXlsx } from "./extract-xlsx";
import { FileError } from "./file-error";
import { type FileKind, fileKind } from "./file-kind";
import { formatBytes } from "./format-bytes";

// One uploaded file → the part a user message carries (PROTOCOL.md section 20): its kind from its
// name and type, its text from that kind's extractor, within the server's limits. Images are
// read-attachment.ts's: one that reaches here is not an image its bytes show.

export interface FileLimits {
  fileMaxBytes: number;
  fileMaxPages: number;
  fileTimeoutMs: number;
  /** The text one message's files may have together: one file alone may not have more. */
  maxFileChars: number;
}

export interface Upload {
  name: string;
  mediaType: string;
  bytes: Uint8Array;
}

// Office files with a password are an OLE container, not the zip the format is otherwise.
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
// C0 controls but tab, line feed and carriage return, and DEL: the request refuses them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

const MEDIA_TYPES: Partial<Record<FileKind, string>> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv",
};

function decodeText(bytes: Uint8Array): string {
  try {
    // A byte-order mark says UTF-16; anything else must be UTF-8 (which the BOM-less default is).
    const encoding =
      bytes[0] === 0xff && bytes[1] === 0xfe
        ? "utf-16le"
        : bytes[0] === 0xfe && bytes[1] === 0xff
          ? "utf-16be"
          : "utf-8";
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new FileError(
      "file_unreadable",
      "The file is not text in UTF-8 or UTF-16: save it as UTF-8 and attach it again.",
    );
  }
}

async function extract(kind: FileKind, bytes: Uint8Array, limits: FileLimits, signal: AbortSignal) {
  if ((kind === "docx" || kind === "xlsx") && OLE_MAGIC.every((byte, i) => bytes[i] === byte)) {
    throw new FileError(
      "file_encrypted",
      "The document is protected by a password: remove it and attach the file again.",
    );
  }
  switch (kind) {
    case "pdf":
      return extractPdf(bytes, { maxPages: limits.fileMaxPages, signal });
    case "docx":
      return extractDocx(bytes);
    case "xlsx":
      return extractXlsx(bytes, signal);
    case "csv":
      return extractCsv(decodeText(bytes));
    case "text": {
      const text = decodeText(bytes);
      if (text.trim() === "") throw new FileError("file_no_text", "The file is empty.");
      return text;
    }
    case "image":
      // Named or typed as an image, but its bytes are none of the four formats.
      throw new FileError(
        "image_invalid",
        "This is not a JPEG, PNG, GIF or WebP image, whatever its name says: attach the image in one of those formats.",
      );
  }
}

/** Rejects after `ms`; the extractors stop at their next check of the signal. */
function deadline(ms: number, controller: AbortController): { promise: Promise<never>; clear: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new FileError("file_timeout", `Reading the file took longer than ${ms / 1000} s.`));
    }, ms);
  });
  return { promise, clear: () => clearTimeout(timer) };
}

export async function extractFile(upload: Upload, limits: FileLimits): Promise<FilePart> {
  const { name, mediaType, bytes } = upload;
  if (bytes.byteLength > limits.fileMaxBytes) {
    throw new FileError("file_too_large", `The file is larger than ${formatBytes(limits.fileMaxBytes)}.`);
  }
  const kind = fileKind(name, mediaType);
  if (!kind) {
    throw new FileError(
      "file_type",
      "This kind of file cannot be read: attach a PDF, Word (DOCX), Excel (XLSX), CSV, Markdown, text, code, HTML or JSON file.",
    );
  }
  const controller = new AbortController();
  const timeout = deadline(limits.fileTimeoutMs, controller);
  let raw: string;
  try {
    raw = await Promise.race([extract(kind, bytes, limits, controller.signal), timeout.promise]);
  } finally {
    timeout.clear();
  }
  const text = raw.replace(CONTROL, "").replace(/\r\n?/g, "\n");
  if (text.length > limits.maxFileChars) {
    throw new FileError(
      "file_too_long",
      `The file's text is ${text.length} characters; a message's files may have ${limits.maxFileChars} together.`,
    );
  }
  const media_type = MEDIA_TYPES[kind] ?? textMediaType(mediaType);
  return { type: "file", name, media_type, size: bytes.byteLength, text };
}

/** A text file's own type when the browser knew one, else plain text. */
function textMediaType(mediaType: string): string {
  const type = mediaType.split(";")[0]?.trim().toLowerCase() ?? "";
  return /^[\w.+-]+\/[\w.+-]+$/.test(type) && type !== "application/octet-stream" ? type : "text/plain";
}
