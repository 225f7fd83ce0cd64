import { MAX_JSON_DEPTH, nestedDeeperThan } from "@/lib/protocol/json-depth";
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

/** The text as JSON when it parses, and nests no deeper than anything downstream can walk. */
function parseJson(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    return nestedDeeperThan(value) ? text : value;
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
    if (!nestedDeeperThan(result.structuredContent)) return { result: result.structuredContent };
    // Too deep to encode: the text form every tool sends beside it, or a plain refusal.
    if (texts.length === 0) {
      return { error: `The tool's result nests deeper than ${MAX_JSON_DEPTH} levels and was not passed on.` };
    }
    return { result: texts.join("\n") };
  }
  if (content.length > 0 && texts.length === content.length) return { result: parseJson(texts.join("\n")) };
  if (content.length === 1 && content[0]) return { result: summarize(content[0]) };
  return { result: content.map(summarize) };
}
