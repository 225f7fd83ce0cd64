import { describe, expect, it } from "vitest";
import { type FilePart, parseChatRequest, type RequestLimits } from "./request";

// PROTOCOL.md section 20: a user turn's files, checked with the request's limits, each refusal
// naming its field.

const LIMITS: RequestLimits = {
  maxMessages: 50,
  maxMessageChars: 1_000,
  maxFiles: 2,
  maxFileChars: 100,
  maxImages: 2,
  imageMaxBytes: 30,
  conversationImageBytes: 50,
};
const file = (text: string, name = "a.txt"): FilePart => ({
  type: "file",
  name,
  media_type: "text/plain",
  size: text.length,
  text,
});

function refused(body: unknown): string {
  const result = parseChatRequest(body, LIMITS);
  if (result.ok) throw new Error("expected a refusal");
  return result.message;
}

describe("file parts", () => {
  it("rides on a user turn, with or without text", () => {
    const parts = [file("hello"), file("你好", "b.md")];
    const result = parseChatRequest({ messages: [{ role: "user", content: "", parts }] }, LIMITS);
    expect(result).toMatchObject({ ok: true, request: { messages: [{ role: "user", content: "", parts }] } });
  });

  it("rides on a stored conversation's new question", () => {
    const result = parseChatRequest(
      {
        conversation: {
          id: "c",
          parent_id: null,
          message: { id: "q", content: "", parts: [file("x")] },
          answer_id: "a",
        },
      },
      LIMITS,
    );
    expect(result).toMatchObject({
      ok: true,
      request: { conversation: { message: { parts: [file("x")] } } },
    });
  });

  it("refuses files past the count or the characters, naming the field", () => {
    expect(
      refused({ messages: [{ role: "user", content: "q", parts: [file("a"), file("b"), file("c")] }] }),
    ).toBe("messages[0].parts: more than 2 files");
    expect(
      refused({
        messages: [{ role: "user", content: "q", parts: [file("a".repeat(60)), file("b".repeat(60))] }],
      }),
    ).toBe("messages[0].parts[1].text: the files' text is longer than 100 characters together");
    expect(
      refused({
        conversation: {
          id: "c",
          parent_id: null,
          message: { id: "q", content: "q", parts: [file("x".repeat(101))] },
          answer_id: "a",
        },
      }),
    ).toBe("conversation.message.parts[0].text: the files' text is longer than 100 characters together");
  });

  it("refuses a file part in the wrong place or of the wrong shape", () => {
    expect(
      refused({
        messages: [
          { role: "assistant", content: "a", parts: [file("x")] },
          { role: "user", content: "q" },
        ],
      }),
    ).toBe("messages[0].parts[0].type: only user turns carry files and images");
    expect(
      refused({ messages: [{ role: "user", content: "q", parts: [{ type: "text", text: "t" }] }] }),
    ).toBe("messages[0].parts[0].type: a user turn's parts are files and images");
    expect(
      refused({ messages: [{ role: "user", content: "q", parts: [{ ...file("x"), size: -1 }] }] }),
    ).toMatch(/^messages\[0\]\.parts\[0\]/);
    expect(refused({ messages: [{ role: "user", content: "q", parts: [file("a\u0000b")] }] })).toBe(
      "messages[0].parts[0].text: contains a control character (U+0000)",
    );
    expect(refused({ messages: [{ role: "user", content: " ", parts: [] }] })).toBe(
      "messages[0].content: the last user message must not be empty",
    );
  });
});
