import { describe, expect, it } from "vitest";
import { parseChatRequest } from "@/lib/protocol/request";
import { estimateTokens } from "@/lib/protocol/token-estimate";
import { ChatController } from "./chat-controller";
import { conversationRef } from "./conversation-ref";
import { toRequestMessages } from "./to-request-messages";
import type { FilePart, ImagePart, UIMessage } from "./types";

// A question's files on the client (PROTOCOL.md section 20): kept with the user message, sent with
// it in `messages` and in a stored conversation's new question, as the server's schema accepts.

const file: FilePart = {
  type: "file",
  name: "报告.pdf",
  media_type: "application/pdf",
  size: 2048,
  text: "季度报告",
};
const question: UIMessage = { id: "q", role: "user", content: "", parts: [file], createdAt: 1 };

describe("a question's files", () => {
  it("go with the user turn in messages, and pass the server's checks", () => {
    const answer: UIMessage = {
      id: "a",
      role: "assistant",
      content: "ok",
      parts: [{ type: "text", text: "ok" }],
      createdAt: 2,
      status: "done",
    };
    const next: UIMessage = { id: "q2", role: "user", content: "more", parts: [], createdAt: 3 };
    const messages = toRequestMessages([question, answer, next]);
    expect(messages).toEqual([
      { role: "user", content: "", parts: [file] },
      { role: "assistant", content: "ok", parts: [{ type: "text", text: "ok" }] },
      { role: "user", content: "more" },
    ]);
    expect(parseChatRequest({ messages }).ok).toBe(true);
  });

  it("go with a stored conversation's new question, and not on a regenerate", () => {
    expect(conversationRef("c", [question], true, "a")).toEqual({
      id: "c",
      parent_id: null,
      message: { id: "q", content: "", parts: [file] },
      answer_id: "a",
    });
    expect(conversationRef("c", [question], false, "a")).toEqual({ id: "c", parent_id: "q", answer_id: "a" });
    const plain = conversationRef("c", [{ ...question, content: "hi", parts: [] }], true, "a");
    expect(plain?.message).toEqual({ id: "q", content: "hi" });
  });

  it("make a question on their own, kept as the user message's parts", () => {
    const controller = new ChatController({ fetch: () => new Promise<Response>(() => {}) });
    controller.send("", { thinking: false }, [file]);
    expect(controller.messages[0]).toMatchObject({ role: "user", content: "", parts: [file] });
    controller.abandon();
    const empty = new ChatController();
    empty.send(" ", { thinking: false });
    expect(empty.messages).toEqual([]);
  });

  it("are estimated at 0.3 tokens a Latin character and 0.6 a Chinese one", () => {
    expect(estimateTokens("")).toBe(0);
    expect(estimateTokens("a".repeat(10))).toBe(3);
    expect(estimateTokens("季度报告")).toBe(3);
    expect(estimateTokens("季度 report")).toBe(4);
  });
});

describe("a question's images", () => {
  const image: ImagePart = {
    type: "image",
    name: "截图.png",
    media_type: "image/png",
    size: 3,
    width: 5,
    height: 3,
    data: "AAAA",
  };
  const withImage: UIMessage = { id: "q", role: "user", content: "看", parts: [file, image], createdAt: 1 };

  it("go with the user turn after its files, in messages and a stored conversation's question alike", () => {
    const messages = toRequestMessages([withImage]);
    expect(messages).toEqual([{ role: "user", content: "看", parts: [file, image] }]);
    expect(parseChatRequest({ messages }).ok).toBe(true);
    expect(conversationRef("c", [withImage], true, "a")?.message).toEqual({
      id: "q",
      content: "看",
      parts: [file, image],
    });
  });
});
