import "server-only";
import { FileError } from "./file-error";
import { formatBytes } from "./format-bytes";

// POST /api/files's body: the file's bytes as they are (no multipart), read while counting, so a
// file over the limit is refused before it is buffered whole.

export async function readUpload(request: Request, limitBytes: number): Promise<Uint8Array> {
  const tooLarge = () =>
    new FileError("file_too_large", `The file is larger than ${formatBytes(limitBytes)}.`);
  if (Number(request.headers.get("content-length") ?? 0) > limitBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limitBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  return new Uint8Array(Buffer.concat(chunks));
}
