import type { ImagePart } from "./image-part";

// An image part's formats and bytes, for the server's limits and the model's request, and the
// browser's thumbnail alike: free of zod, so client code can import it (house-rules.test.ts).

/** The formats DeepSeek's vision models read. */
export const IMAGE_MEDIA_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp"] as const;
export type ImageMediaType = (typeof IMAGE_MEDIA_TYPES)[number];

/** The bytes an image's base64 stands for, without decoding it. */
export function base64Bytes(data: string): number {
  const padding = data.endsWith("==") ? 2 : data.endsWith("=") ? 1 : 0;
  return Math.floor((data.length * 3) / 4) - padding;
}

/** The image as a `data:` URL: what the provider and an `<img>` read alike. */
export function imageDataUrl(image: Pick<ImagePart, "media_type" | "data">): string {
  return `data:${image.media_type};base64,${image.data}`;
}
