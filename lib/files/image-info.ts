import type { ImageMediaType } from "@/lib/protocol/image-part";

// What an upload's bytes say about it as an image (PROTOCOL.md section 20, "Images"): which of the
// four formats DeepSeek's vision models read it is, by its signature, whatever its name or
// Content-Type claim; and its size in pixels, from the header, when the header is where the format
// keeps it. Read by hand: each format puts both within its first few dozen bytes (JPEG excepted,
// whose frame header follows its metadata segments).

export interface ImageInfo {
  mediaType: ImageMediaType;
  width?: number;
  height?: number;
}

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((byte, i) => bytes[at + i] === byte);

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const GIF87 = ascii("GIF87a");
const GIF89 = ascii("GIF89a");
const RIFF = ascii("RIFF");
const WEBP = ascii("WEBP");

/** undefined: not a JPEG, PNG, GIF or WebP image. */
export function imageInfo(bytes: Uint8Array): ImageInfo | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (startsWith(bytes, PNG)) {
    // The IHDR chunk comes first: its width and height, big-endian, at 16 and 20.
    const size = bytes.length >= 24 && startsWith(bytes, ascii("IHDR"), 12);
    return { mediaType: "image/png", ...(size ? pixels(view.getUint32(16), view.getUint32(20)) : {}) };
  }
  if (startsWith(bytes, GIF87) || startsWith(bytes, GIF89)) {
    const size = bytes.length >= 10;
    return {
      mediaType: "image/gif",
      ...(size ? pixels(view.getUint16(6, true), view.getUint16(8, true)) : {}),
    };
  }
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8))
    return { mediaType: "image/webp", ...webpSize(bytes, view) };
  if (startsWith(bytes, JPEG)) return { mediaType: "image/jpeg", ...jpegSize(bytes, view) };
  return undefined;
}

function pixels(width: number, height: number): { width?: number; height?: number } {
  return width > 0 && height > 0 ? { width, height } : {};
}

/** The first chunk says: VP8 (lossy), VP8L (lossless) or VP8X (extended, with the canvas size). */
function webpSize(bytes: Uint8Array, view: DataView) {
  if (bytes.length < 30) return {};
  if (startsWith(bytes, ascii("VP8 "), 12)) {
    return pixels(view.getUint16(26, true) & 0x3fff, view.getUint16(28, true) & 0x3fff);
  }
  if (startsWith(bytes, ascii("VP8L"), 12)) {
    const bits = view.getUint32(21, true);
    return pixels((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (startsWith(bytes, ascii("VP8X"), 12)) {
    const width = 1 + (bytes[24] ?? 0) + ((bytes[25] ?? 0) << 8) + ((bytes[26] ?? 0) << 16);
    const height = 1 + (bytes[27] ?? 0) + ((bytes[28] ?? 0) << 8) + ((bytes[29] ?? 0) << 16);
    return pixels(width, height);
  }
  return {};
}

// Start-of-frame markers (SOF0–SOF15 but DHT, JPG and DAC), whose segment holds the frame's size.
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** Walks the segments from the start until the frame header; gives up at the scan or a bad length. */
function jpegSize(bytes: Uint8Array, view: DataView) {
  let at = 2;
  while (at + 9 <= bytes.length) {
    if (bytes[at] !== 0xff) return {};
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return {};
    const length = view.getUint16(at + 2);
    if (SOF.has(marker)) return pixels(view.getUint16(at + 7), view.getUint16(at + 5));
    if (length < 2) return {};
    at += 2 + length;
  }
  return {};
}
