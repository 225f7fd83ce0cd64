import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { FileError } from "./file-error";
import { type AttachmentLimits, readAttachment } from "./read-attachment";

// POST /api/files's step (PROTOCOL.md section 20): an image by its bytes, kept whole as base64; a
// name that says image on bytes that are not one is refused; anything else is extracted as text.

const LIMITS: AttachmentLimits = {
  fileMaxBytes: 1_000_000,
  fileMaxPages: 10,
  fileTimeoutMs: 20_000,
  maxFileChars: 100_000,
  imageMaxBytes: 500,
};

const fixture = async (name: string) =>
  new Uint8Array(await readFile(new URL(`__fixtures__/${name}`, import.meta.url)));

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof FileError)) throw new Error(`expected a FileError, got ${String(error)}`);
  return { code: error.code, status: error.status, message: error.message };
}

describe("readAttachment", () => {
  it("answers an image part with the bytes as base64 and the size in pixels", async () => {
    const bytes = await fixture("pixel.png");
    const part = await readAttachment({ name: "截图.png", mediaType: "image/png", bytes }, LIMITS);
    expect(part).toEqual({
      type: "image",
      name: "截图.png",
      media_type: "image/png",
      size: bytes.byteLength,
      width: 5,
      height: 3,
      data: Buffer.from(bytes).toString("base64"),
    });
  });

  it("goes by the bytes, not the name or the type", async () => {
    const bytes = await fixture("pixel.gif");
    const part = await readAttachment({ name: "clip", mediaType: "application/octet-stream", bytes }, LIMITS);
    expect(part).toMatchObject({ type: "image", media_type: "image/gif" });
  });

  it("refuses a .png that is not a PNG, saying so", async () => {
    const bytes = await fixture("fake.png");
    expect(
      await refusal(readAttachment({ name: "fake.png", mediaType: "image/png", bytes }, LIMITS)),
    ).toEqual({
      code: "image_invalid",
      status: 415,
      message: expect.stringContaining("not a JPEG, PNG, GIF or WebP image"),
    });
  });

  it("refuses an image over IMAGE_MAX_BYTES with 413", async () => {
    const bytes = await fixture("pixel.jpg");
    expect(
      await refusal(readAttachment({ name: "big.jpg", mediaType: "image/jpeg", bytes }, LIMITS)),
    ).toEqual({
      code: "file_too_large",
      status: 413,
      message: "The image is larger than 500 B.",
    });
  });

  it("extracts anything else as text", async () => {
    const bytes = new TextEncoder().encode("hello");
    const part = await readAttachment({ name: "a.txt", mediaType: "text/plain", bytes }, LIMITS);
    expect(part).toMatchObject({ type: "file", text: "hello" });
  });
});
