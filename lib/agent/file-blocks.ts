import type { ChatMessage, FilePart, ImagePart } from "@/lib/protocol";
import { imageDataUrl } from "@/lib/protocol/image-data";
import type { ProviderContentPart } from "./provider-messages";

// How the model reads a user turn's files (PROTOCOL.md section 20): each as a block named by its
// file, before the question; and its images, after that text, when the model reads images. Made
// from the part alone, so the turn is the same bytes on every later request and the provider's
// prompt cache keeps matching it.

/** A name inside the block's opening tag: nothing in it can close the attribute or the tag. */
function attribute(value: string): string {
  return value.replace(/[&"<>\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A file's text inside its block: a closing tag in it (a document about these very blocks, or one
 * written to pass its own words off as the user's) is written `<\/file` so the block ends only
 * where we end it.
 */
function blockText(text: string): string {
  return text.replace(/<\/(file)/gi, "<\\/$1");
}

export function fileBlock(file: FilePart): string {
  return `<file name="${attribute(file.name)}" type="${attribute(file.media_type)}">\n${blockText(file.text)}\n</file>`;
}

/** The user's text with its files' blocks before it. */
export function userContent(message: ChatMessage): string {
  const files = (message.parts ?? []).filter((part): part is FilePart => part.type === "file");
  if (files.length === 0) return message.content;
  const blocks = files.map(fileBlock).join("\n\n");
  return message.content === "" ? blocks : `${blocks}\n\n${message.content}`;
}

/**
 * A user turn as the model reads it. A model that reads images gets a turn with images as a content
 * array: the text (file blocks and question) first, then each image as a data URL. Any other model
 * gets the text alone: nothing of an image is sent.
 */
export function userProviderContent(
  message: ChatMessage,
  readsImages: boolean,
): string | ProviderContentPart[] {
  const text = userContent(message);
  const images = readsImages
    ? (message.parts ?? []).filter((part): part is ImagePart => part.type === "image")
    : [];
  if (images.length === 0) return text;
  const blocks: ProviderContentPart[] = text === "" ? [] : [{ type: "text", text }];
  for (const image of images) blocks.push({ type: "image_url", image_url: { url: imageDataUrl(image) } });
  return blocks;
}
