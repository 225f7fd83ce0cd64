import { z } from "zod";

// PROTOCOL.md section 20: a file a user message carries, as its text. The server extracts the text
// once (POST /api/files); from then on the part travels whole with its message, in every request
// and in the stored history, so what the model reads of it never changes between turns.

export const filePart = z.object({
  type: z.literal("file"),
  name: z.string().min(1).max(255),
  /** The media type the text came from (application/pdf, text/csv, …). */
  media_type: z.string().min(1).max(255),
  /** The file's size in bytes, as uploaded. */
  size: z.number().int().nonnegative(),
  /** What the model reads: the extracted text (a table as Markdown, a PDF's text layer). */
  text: z.string(),
});

export type FilePart = z.infer<typeof filePart>;
