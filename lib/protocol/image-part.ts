import { z } from "zod";
import type { FilePart } from "./file-part";
import { IMAGE_MEDIA_TYPES } from "./image-data";

// PROTOCOL.md section 20, "Images": an image a user message carries, whole, as base64. The server
// checks it once (POST /api/files: its bytes are one of the four formats DeepSeek's vision models
// read); from then on it travels with its message like a file part, so the model sees the same
// bytes on every later turn. A model not configured as reading images never gets it.

export type { ImageMediaType } from "./image-data";

export const imagePart = z.object({
  type: z.literal("image"),
  name: z.string().min(1).max(255),
  media_type: z.enum(IMAGE_MEDIA_TYPES, { error: "use image/jpeg, image/png, image/gif or image/webp" }),
  /** The image's size in bytes, as uploaded. */
  size: z.number().int().nonnegative(),
  /** Pixels, read from the image's header; absent when the header did not say. */
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  /** The image's bytes, base64 (no `data:` prefix). */
  data: z.base64().min(4),
});

export type ImagePart = z.infer<typeof imagePart>;

/** What a user turn carries besides its text: files as their text, images as their bytes. */
export type UserPart = FilePart | ImagePart;
