import type { ChatMessage, FilePart } from "@/lib/protocol";

// How the model reads a user turn's files (PROTOCOL.md section 20): each as a block named by its
// file, before the question. Made from the part alone, so the turn is the same bytes on every
// later request and the provider's prompt cache keeps matching it.

/** A name inside the block's opening tag: nothing in it can close the attribute or the tag. */
function attribute(value: string): string {
  return value.replace(/[&"<>\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function fileBlock(file: FilePart): string {
  return `<file name="${attribute(file.name)}" type="${attribute(file.media_type)}">\n${file.text}\n</file>`;
}

/** The user's text with its files' blocks before it. */
export function userContent(message: ChatMessage): string {
  const files = (message.parts ?? []).filter((part): part is FilePart => part.type === "file");
  if (files.length === 0) return message.content;
  const blocks = files.map(fileBlock).join("\n\n");
  return message.content === "" ? blocks : `${blocks}\n\n${message.content}`;
}
