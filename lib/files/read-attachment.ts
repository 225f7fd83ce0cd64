import "server-only";
import type { FilePart } from "@/lib/protocol/file-part";
import type { ImagePart } from "@/lib/protocol/image-part";
import { extractFile, type FileLimits, type Upload } from "./extract-file";
import { FileError } from "./file-error";
import { formatBytes } from "./format-bytes";
import { imageInfo } from "./image-info";

// POST /api/files's one step (PROTOCOL.md section 20): bytes that are a JPEG, PNG, GIF or WebP
// image, whatever the name says, become an image part, kept whole; anything else goes to the
// extractors for its text.

export interface AttachmentLimits extends FileLimits {
  imageMaxBytes: number;
}

export async function readAttachment(
  upload: Upload,
  limits: AttachmentLimits,
): Promise<FilePart | ImagePart> {
  const { name, bytes } = upload;
  const image = imageInfo(bytes);
  if (!image) return extractFile(upload, limits);
  if (bytes.byteLength > limits.imageMaxBytes) {
    throw new FileError("file_too_large", `The image is larger than ${formatBytes(limits.imageMaxBytes)}.`);
  }
  const { mediaType: media_type, ...pixels } = image;
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
  return { type: "image", name, media_type, size: bytes.byteLength, ...pixels, data };
}
