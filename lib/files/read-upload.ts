import "server-only";
import { readBodyBytes } from "@/lib/http/read-body";
import { FileError } from "./file-error";
import { formatBytes } from "./format-bytes";

// POST /api/files's body: the file's bytes as they are (no multipart), read while counting, so a
// file over the limit is refused before it is buffered whole.

export async function readUpload(request: Request, limitBytes: number): Promise<Uint8Array> {
  const bytes = await readBodyBytes(request, limitBytes);
  if (bytes === "too_large") {
    throw new FileError("file_too_large", `The file is larger than ${formatBytes(limitBytes)}.`);
  }
  return bytes;
}
