import { describe, expect, it } from "vitest";
import type { ChatMessage, FilePart, ImagePart } from "@/lib/protocol";
import { IMAGE_TOKENS } from "@/lib/protocol/token-estimate";
import { estimateRound } from "./context-window";
import { toProviderMessages } from "./transcript";

// PROTOCOL.md section 20, "Images": a model that reads images gets a user turn with images as a
// content array (text first, then each image as a data URL); any other model gets the text alone.

const image: ImagePart = {
  type: "image",
  name: "截图.png",
  media_type: "image/png",
  size: 3,
  width: 5,
  height: 3,
  data: "iVBO",
};
const file: FilePart = { type: "file", name: "a.txt", media_type: "text/plain", size: 5, text: "hello" };

const conversation: ChatMessage[] = [
  { role: "user", content: "这是什么?", parts: [file, image] },
  { role: "assistant", content: "一张截图。" },
  { role: "user", content: "", parts: [image] },
];

describe("images to the model", () => {
  it("sends a vision model the text, file blocks included, then each image as a data URL", () => {
    const messages = toProviderMessages(conversation, false, true);
    expect(messages[0]).toEqual({
      role: "user",
      content: [
        { type: "text", text: '<file name="a.txt" type="text/plain">\nhello\n</file>\n\n这是什么?' },
        { type: "image_url", image_url: { url: "data:image/png;base64,iVBO" } },
      ],
    });
    // An image alone: no empty text block.
    expect(messages[2]).toEqual({
      role: "user",
      content: [{ type: "image_url", image_url: { url: "data:image/png;base64,iVBO" } }],
    });
  });

  it("sends a text-only model nothing of an image", () => {
    const messages = toProviderMessages(conversation, false, false);
    expect(messages[0]).toEqual({
      role: "user",
      content: '<file name="a.txt" type="text/plain">\nhello\n</file>\n\n这是什么?',
    });
    expect(messages[2]).toEqual({ role: "user", content: "" });
    expect(JSON.stringify(messages)).not.toContain("iVBO");
  });

  it("is the same bytes on every later turn", () => {
    const first = JSON.stringify(toProviderMessages(conversation.slice(0, 1), true, true));
    const later = JSON.stringify(toProviderMessages(conversation, true, true).slice(0, 1));
    expect(later).toBe(first);
  });

  it("counts each image at a fixed figure in the round's estimate", () => {
    const withImages = estimateRound(toProviderMessages(conversation, false, true), 0);
    const without = estimateRound(toProviderMessages(conversation, false, false), 0);
    expect(withImages - without).toBe(2 * IMAGE_TOKENS);
  });
});
