import { describe, expect, it } from "vitest";
import { base64Bytes } from "./image-data";
import type { ImagePart } from "./image-part";
import { parseChatRequest, type RequestLimits } from "./request";

// PROTOCOL.md section 20, "Images": a user turn's images, checked with the request's limits, each
// refusal naming its field.

const LIMITS: RequestLimits = {
  maxMessages: 50,
  maxMessageChars: 1_000,
  maxFiles: 2,
  maxFileChars: 100,
  maxImages: 2,
  imageMaxBytes: 30,
  conversationImageBytes: 50,
};
/** An image of `bytes` bytes (base64 of zeros). */
const image = (bytes: number, name = "a.png"): ImagePart => ({
  type: "image",
  name,
  media_type: "image/png",
  size: bytes,
  data: Buffer.alloc(bytes).toString("base64"),
});

function refused(body: unknown): string {
  const result = parseChatRequest(body, LIMITS);
  if (result.ok) throw new Error("expected a refusal");
  return result.message;
}

describe("image parts", () => {
  it("ride on a user turn, alone or with files, and on a stored conversation's question", () => {
    const parts = [
      image(10),
      { type: "file", name: "b.md", media_type: "text/markdown", size: 1, text: "x" },
    ];
    expect(parseChatRequest({ messages: [{ role: "user", content: "", parts }] }, LIMITS)).toMatchObject({
      ok: true,
      request: { messages: [{ parts }] },
    });
    const conversation = {
      id: "c",
      parent_id: null,
      message: { id: "q", content: "", parts: [image(4)] },
      answer_id: "a",
    };
    expect(parseChatRequest({ conversation }, LIMITS)).toMatchObject({ ok: true });
  });

  it("refuses a media type the models do not read, or data that is not base64", () => {
    expect(
      refused({
        messages: [{ role: "user", content: "q", parts: [{ ...image(3), media_type: "image/bmp" }] }],
      }),
    ).toBe("messages[0].parts[0].media_type: use image/jpeg, image/png, image/gif or image/webp");
    expect(
      refused({ messages: [{ role: "user", content: "q", parts: [{ ...image(3), data: "not base64!" }] }] }),
    ).toMatch(/^messages\[0\]\.parts\[0\]\.data: /);
  });

  it("refuses images on an assistant turn", () => {
    expect(
      refused({
        messages: [
          { role: "user", content: "q" },
          { role: "assistant", content: "a", parts: [image(3)] },
          { role: "user", content: "q" },
        ],
      }),
    ).toBe("messages[1].parts[0].type: only user turns carry files and images");
  });

  it("refuses past the count, one image's bytes, or the conversation's together", () => {
    expect(
      refused({ messages: [{ role: "user", content: "q", parts: [image(1), image(1), image(1)] }] }),
    ).toBe("messages[0].parts: more than 2 images");
    expect(refused({ messages: [{ role: "user", content: "q", parts: [image(31)] }] })).toBe(
      "messages[0].parts[0].data: an image of more than 30 bytes",
    );
    expect(
      refused({
        messages: [
          { role: "user", content: "q", parts: [image(30)] },
          { role: "assistant", content: "a" },
          { role: "user", content: "q", parts: [image(21)] },
        ],
      }),
    ).toBe(
      "messages[2].parts[0].data: the conversation's images are more than 50 bytes together: start a new chat to send more",
    );
  });

  it("counts base64's bytes without decoding", () => {
    for (const n of [0, 1, 2, 3, 4, 5, 100]) expect(base64Bytes(Buffer.alloc(n).toString("base64"))).toBe(n);
  });
});
