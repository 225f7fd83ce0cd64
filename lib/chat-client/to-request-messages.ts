import type { ChatMessage, MessagePart, ToolPart } from "@/lib/protocol/request";
import type { UIMessage, UIPart, UserPart } from "./types";

// UI messages → the request's `messages` (PROTOCOL.md section 1). Assistant turns go back with
// their parts so the server can rebuild the provider's tool rounds; thinking models refuse a
// conversation whose earlier tool calls lost their reasoning.

export const TOOL_NOT_FINISHED = "The tool did not finish.";

/**
 * Converts a conversation, oldest first. The caller passes it up to and including the user turn
 * being answered, so the result ends with that user message.
 */
export function toRequestMessages(messages: UIMessage[]): ChatMessage[] {
  const result: ChatMessage[] = [];
  for (const message of messages) {
    if (message.role === "user") {
      result.push(userMessage(message));
      continue;
    }
    const parts = message.parts.flatMap(toMessagePart);
    // An answer that failed or was stopped before any text or tool call carries nothing the model
    // needs; consecutive user turns are fine for the server.
    if (!parts.some((p) => p.type === "tool" || (p.type === "text" && p.text !== ""))) continue;
    result.push({ role: "assistant", content: message.content, parts });
  }
  return result;
}

/** A user turn with its files and images, each part as the server read it (PROTOCOL.md section 20). */
function userMessage(message: UIMessage): ChatMessage {
  const parts = message.parts.flatMap(userPart);
  if (parts.length === 0) return { role: "user", content: message.content };
  return { role: "user", content: message.content, parts };
}

/** The part's own fields only: what the request's schema knows. */
function userPart(part: UIPart): UserPart[] {
  if (part.type === "file") {
    const { name, media_type, size, text } = part;
    return [{ type: "file", name, media_type, size, text }];
  }
  if (part.type !== "image") return [];
  const { name, media_type, size, width, height, data } = part;
  return [
    {
      type: "image",
      name,
      media_type,
      size,
      ...(width !== undefined ? { width } : {}),
      ...(height !== undefined ? { height } : {}),
      data,
    },
  ];
}

function toMessagePart(part: UIPart): MessagePart[] {
  switch (part.type) {
    case "reasoning":
    case "text":
      return part.text === "" ? [] : [{ type: part.type, text: part.text }];
    case "error":
    case "file":
    case "image":
      return [];
    case "tool": {
      const out: ToolPart = { type: "tool", id: part.id, name: part.name, arguments: part.arguments };
      if (part.raw_arguments !== undefined) out.raw_arguments = part.raw_arguments;
      if (part.server !== undefined) out.server = part.server;
      // Exactly one of result / error: the server's schema refuses a part with neither.
      if (part.status === "done" && part.result !== undefined) out.result = part.result;
      else out.error = part.status === "failed" && part.error ? part.error : TOOL_NOT_FINISHED;
      return [out];
    }
  }
}
