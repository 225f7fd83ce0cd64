import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { imageInfo } from "./image-info";

// Each format DeepSeek's vision models read, on a real 5×3 image (drawn on a canvas by Chromium,
// the GIF written by hand; all decode in Chromium at 5×3), told by its bytes whatever its name.

const fixture = async (name: string) =>
  new Uint8Array(await readFile(new URL(`__fixtures__/${name}`, import.meta.url)));

describe("imageInfo", () => {
  it.each([
    ["pixel.png", "image/png"],
    ["pixel.jpg", "image/jpeg"],
    ["pixel.gif", "image/gif"],
    ["pixel-lossy.webp", "image/webp"],
    ["pixel-lossless.webp", "image/webp"],
    ["pixel-extended.webp", "image/webp"],
  ])("tells %s as %s, 5 by 3 pixels", async (name, mediaType) => {
    expect(imageInfo(await fixture(name))).toEqual({ mediaType, width: 5, height: 3 });
  });

  it("knows no text named .png, no PDF, nothing empty", async () => {
    expect(imageInfo(await fixture("fake.png"))).toBeUndefined();
    expect(imageInfo(await fixture("chinese.pdf"))).toBeUndefined();
    expect(imageInfo(new Uint8Array())).toBeUndefined();
  });

  it("keeps the format when a cut-short header has no size", async () => {
    const png = await fixture("pixel.png");
    expect(imageInfo(png.subarray(0, 12))).toEqual({ mediaType: "image/png" });
    const jpeg = await fixture("pixel.jpg");
    expect(imageInfo(jpeg.subarray(0, 40))).toEqual({ mediaType: "image/jpeg" });
  });
});
