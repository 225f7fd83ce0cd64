import { domainOf, type WebSource } from "@/lib/chat-client/answer-sources";

// An answer's web sources in the Markdown export (PROTOCOL.md section 22): a list under the answer
// that its [n] citations, kept as written, refer to by number. Not a numbered Markdown list, which
// a viewer renumbers from 1 (sources 1, 2, 5 would show as 1, 2, 3), and not link reference
// definitions, which are one per document (every answer has its own [1]).

/** The sources list, or undefined for an answer without sources. */
export function sourcesMarkdown(sources: readonly WebSource[], heading: string): string | undefined {
  if (sources.length === 0) return undefined;
  const lines = sources.map(
    (source) =>
      `- [${source.index}] [${escapeText(source.title)}](<${linkTarget(source.url)}>) · ${escapeText(domainOf(source.url))}`,
  );
  return `**${escapeText(heading)}**\n\n${lines.join("\n")}`;
}

/** A title a page chose, as literal text: nothing in it starts a link, emphasis, code or HTML. */
function escapeText(text: string): string {
  return text.replace(/\s+/g, " ").replace(/[\\`*_[\]<>&!#|~()]/g, "\\$&");
}

/** The URL normalised (spaces and angle brackets percent-encoded), safe between < and >. */
function linkTarget(url: string): string {
  try {
    return new URL(url).href.replace(/[<>\s]/g, encodeURIComponent);
  } catch {
    return "";
  }
}
