import type { ToolPart, UIPart } from "./types";

// An answer's web sources (PROTOCOL.md section 22), read from its tool parts: the results of the
// built-in `web` server's web_search and read_page, which the server numbers across one answer and
// the model cites by that number. Plain functions over stored parts, so the chat, a share page and
// the Markdown export all number and link them the same way.

/** One numbered source, as a citation [n] and the list under the answer show it. */
export interface WebSource {
  index: number;
  title: string;
  url: string;
  snippet?: string;
  /** As the search backend gave it (a date, or a date and time). */
  published?: string;
}

/** The server that serves the web tools (issue 21); a user's own MCP server never carries it. */
export const WEB_SERVER = "web";

export type WebTool = "web_search" | "read_page";

/**
 * Which web tool a call was, by its server and name. The model-facing name may carry a prefix when
 * another server has a tool of the same name (`web__web_search`).
 */
export function webToolOf(part: { server?: string | undefined; name: string }): WebTool | undefined {
  if (part.server !== WEB_SERVER) return undefined;
  if (part.name === "web_search" || part.name.endsWith("__web_search")) return "web_search";
  if (part.name === "read_page" || part.name.endsWith("__read_page")) return "read_page";
  return undefined;
}

/** A web_search result's list, in the backend's order; [] when the result is not one. */
export function searchResults(result: unknown): WebSource[] {
  if (!isRecord(result) || !Array.isArray(result.results)) return [];
  return result.results.flatMap((item) => {
    const source = sourceOf(item);
    return source ? [source] : [];
  });
}

/** A read_page result as a source (title, URL, index), or undefined when it is not one. */
export function pageSource(result: unknown): (WebSource & { text: string }) | undefined {
  const source = sourceOf(result);
  if (!source || !isRecord(result)) return undefined;
  return { ...source, text: typeof result.text === "string" ? withoutMarkers(result.text) : "" };
}

// The markers the server puts around a page's text for the model (PROTOCOL.md section 21): the
// reader sees the text alone.
const MARKERS = /^\s*<<<untrusted_web_content>>>\n?|\n?<<<\/untrusted_web_content>>>\s*$/g;

function withoutMarkers(text: string): string {
  return text.replace(MARKERS, "");
}

/**
 * The answer's sources by index, in index order. A source read again under the same index (a
 * search's result, then the page itself) keeps its first title and URL.
 */
export function answerSources(parts: readonly UIPart[]): WebSource[] {
  const byIndex = new Map<number, WebSource>();
  for (const part of parts) {
    if (part.type !== "tool" || part.status !== "done") continue;
    for (const source of partSources(part)) {
      if (!byIndex.has(source.index)) byIndex.set(source.index, source);
    }
  }
  return [...byIndex.values()].sort((a, b) => a.index - b.index);
}

// A finished tool part never changes (the reducer replaces, not mutates), and a streaming answer's
// sources are read again every frame: each part's are read once.
const readParts = new WeakMap<ToolPart, WebSource[]>();

function partSources(part: ToolPart): WebSource[] {
  let found = readParts.get(part);
  if (!found) {
    const tool = webToolOf(part);
    const page = tool === "read_page" ? pageSource(part.result) : undefined;
    found = tool === "web_search" ? searchResults(part.result) : page ? [withoutText(page)] : [];
    readParts.set(part, found);
  }
  return found;
}

/** Two lists that would render the same citations and list. */
export function sameSources(a: readonly WebSource[], b: readonly WebSource[]): boolean {
  return (
    a.length === b.length &&
    a.every((source, i) => {
      const other = b[i];
      return (
        other !== undefined &&
        other.index === source.index &&
        other.url === source.url &&
        other.title === source.title &&
        other.snippet === source.snippet &&
        other.published === source.published
      );
    })
  );
}

/** A URL's host without `www.`, as the list shows where a source is; "" for no URL. */
export function domainOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return "";
  }
}

function sourceOf(value: unknown): WebSource | undefined {
  if (!isRecord(value)) return undefined;
  const { index, url, title, snippet, published } = value;
  // Only web pages: a result is written by whoever runs the search backend or the page, and a
  // script or data URL must not become a link in the answer.
  if (typeof index !== "number" || !Number.isInteger(index) || index < 1) return undefined;
  if (typeof url !== "string" || !isWebUrl(url)) return undefined;
  return {
    index,
    url,
    title: typeof title === "string" && title.trim() ? title.trim() : domainOf(url),
    ...(typeof snippet === "string" && snippet.trim() ? { snippet: snippet.trim() } : {}),
    ...(typeof published === "string" && published.trim() ? { published: published.trim() } : {}),
  };
}

function withoutText(source: WebSource & { text?: string }): WebSource {
  const { text: _, ...rest } = source;
  return rest;
}

function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
