import { IMAGE_MEDIA_TYPES } from "@/lib/protocol/image-data";
import type { UserPart } from "@/lib/protocol/image-part";
import { readHttpError } from "./read-http-error";

// POST /api/files (PROTOCOL.md section 20): the file's bytes go up as they are, its text (or an
// image's bytes, checked) comes back as the part the question will carry. A refusal comes back as
// the server's sentence.

export type UploadOutcome = { ok: true; file: UserPart } | { ok: false; code: string; message: string };

const IMAGE_TYPES = new Set<string>(IMAGE_MEDIA_TYPES);

function isUserPart(value: unknown): value is UserPart {
  if (typeof value !== "object" || value === null) return false;
  const part: Record<string, unknown> = { ...value };
  if (typeof part.name !== "string" || typeof part.size !== "number") return false;
  if (part.type === "file") return typeof part.text === "string";
  return part.type === "image" && typeof part.data === "string" && IMAGE_TYPES.has(String(part.media_type));
}

export async function uploadFile(file: File, signal?: AbortSignal): Promise<UploadOutcome> {
  let response: Response;
  try {
    response = await fetch(`/api/files?name=${encodeURIComponent(file.name)}`, {
      method: "POST",
      headers: { "Content-Type": file.type || "application/octet-stream" },
      body: file,
      ...(signal ? { signal } : {}),
    });
  } catch {
    return { ok: false, code: "unreachable", message: "" };
  }
  if (!response.ok) {
    const { code, message } = await readHttpError(response);
    return { ok: false, code, message };
  }
  const body: unknown = await response.json().catch(() => undefined);
  const part = typeof body === "object" && body !== null && "file" in body ? body.file : undefined;
  return isUserPart(part) ? { ok: true, file: part } : { ok: false, code: "not_a_file", message: "" };
}
