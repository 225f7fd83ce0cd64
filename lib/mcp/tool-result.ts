import type { ToolOutcome } from "./tool-set";

// PROTOCOL.md: a tool's result is its structured content if it has one, else its text parsed as
// JSON when it parses, else the text. Binary content becomes a short description, never megabytes
// of base64 in the stream or the model's context.

interface ContentItem {
  type: string;
  text?: string;
  data?: string;
  mimeType?: string;
  uri?: string;
  name?: string;
  resource?: { uri?: string; mimeType?: string; text?: string; blob?: string };
}

export interface CallToolResultLike {
  content?: ContentItem[];
  structuredContent?: unknown;
  isError?: boolean;
}

function base64Bytes(data: string): number {
  const padding = data.endsWith("==") ? 2 : data.endsWith("=") ? 1 : 0;
  return Math.floor((data.length * 3) / 4) - padding;
}

function summarize(item: ContentItem): unknown {
  switch (item.type) {
    case "text":
      return item.text ?? "";
    case "image":
    case "audio":
      return { type: item.type, mimeType: item.mimeType, bytes: base64Bytes(item.data ?? "") };
    case "resource_link":
      return { type: "resource_link", uri: item.uri, name: item.name, mimeType: item.mimeType };
    case "resource": {
      const resource = item.resource ?? {};
      if (resource.text !== undefined) return { type: "resource", uri: resource.uri, text: resource.text };
      return {
        type: "resource",
        uri: resource.uri,
        mimeType: resource.mimeType,
        bytes: base64Bytes(resource.blob ?? ""),
      };
    }
    default:
      return { type: item.type };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function mapToolResult(result: CallToolResultLike): ToolOutcome {
  const content = result.content ?? [];
  const texts = content.filter((item) => item.type === "text").map((item) => item.text ?? "");
  if (result.isError) {
    const message = texts.join("\n").trim();
    return { error: message || "The tool reported an error without a message." };
  }
  if (result.structuredContent !== undefined && result.structuredContent !== null) {
    return { result: result.structuredContent };
  }
  if (content.length > 0 && texts.length === content.length) return { result: parseJson(texts.join("\n")) };
  if (content.length === 1 && content[0]) return { result: summarize(content[0]) };
  return { result: content.map(summarize) };
}
