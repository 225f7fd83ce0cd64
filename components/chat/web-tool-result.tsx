"use client";

import { useT } from "@/components/i18n/locale-provider";
import {
  domainOf,
  pageSource,
  searchResults,
  type WebSource,
  type WebTool,
} from "@/lib/chat-client/answer-sources";
import type { ToolPart } from "@/lib/chat-client/types";
import { JsonBlock } from "./json-block";
import { useDisclosure } from "./use-disclosure";

/** The first lines of a page read, enough to see it was the right page. */
const PAGE_PREVIEW_CHARS = 600;

/**
 * A web tool's result as the reader wants it: a search's results as a list (number, title, site,
 * snippet, date), a page read as its title, URL and first lines; the JSON the model read one
 * click away. A result of another shape shows as JSON, like any tool's.
 */
export function WebToolResult({ part, tool }: { part: ToolPart; tool: WebTool }) {
  const t = useT();
  const raw = useDisclosure(false);
  const query = typeof part.arguments.query === "string" ? part.arguments.query : "";
  const results = tool === "web_search" ? searchResults(part.result) : [];
  const page = tool === "read_page" ? pageSource(part.result) : undefined;
  if (tool === "web_search" ? !hasResultList(part.result) : !page) {
    return <JsonBlock label={t.result} value={part.result} testId="tool-result" />;
  }
  return (
    <div data-testid="web-tool-result">
      {/* Not in capitals like the card's other labels: the query is the reader's words. */}
      <div className="mb-1 font-medium text-neutral-500 text-xs dark:text-neutral-400">
        {page ? t.pageRead : t.searchResultsFor(results.length, query)}
      </div>
      {page ? <PageSummary page={page} /> : <ResultList results={results} />}
      <button
        type="button"
        {...raw.toggle}
        data-testid="raw-result-toggle"
        className="mt-2 rounded text-brand-600 text-xs hover:underline focus-visible:outline-2 focus-visible:outline-brand-500 dark:text-brand-300"
      >
        {t.rawResult}
      </button>
      <div id={raw.regionId} hidden={!raw.open} className="mt-1">
        {raw.open && <JsonBlock label={t.result} value={part.result} testId="tool-result" />}
      </div>
    </div>
  );
}

function ResultList({ results }: { results: readonly WebSource[] }) {
  const t = useT();
  if (results.length === 0) return <p className="text-neutral-500 text-xs">{t.noSearchResults}</p>;
  return (
    <ol data-testid="search-results" className="space-y-2">
      {results.map((result) => (
        <li key={result.index} data-testid="search-result" className="flex gap-2 text-xs">
          <span className="mt-px w-5 shrink-0 text-right text-neutral-500 tabular-nums">{result.index}.</span>
          <div className="min-w-0">
            <a
              href={result.url}
              target="_blank"
              rel="noopener noreferrer"
              className="block truncate font-medium text-brand-700 hover:underline dark:text-brand-300"
            >
              {result.title}
            </a>
            <div className="truncate text-neutral-500 dark:text-neutral-400">
              {domainOf(result.url)}
              {result.published && <span> · {shownDate(result.published)}</span>}
            </div>
            {result.snippet && (
              <p className="line-clamp-2 text-neutral-700 dark:text-neutral-300">{result.snippet}</p>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}

function PageSummary({ page }: { page: WebSource & { text: string } }) {
  const preview = page.text.slice(0, PAGE_PREVIEW_CHARS).trim();
  return (
    <div data-testid="page-summary" className="space-y-1 text-xs">
      <a
        href={page.url}
        target="_blank"
        rel="noopener noreferrer"
        className="block truncate font-medium text-brand-700 hover:underline dark:text-brand-300"
      >
        {page.title}
      </a>
      <div className="truncate text-neutral-500 dark:text-neutral-400">{page.url}</div>
      {preview && (
        <p className="line-clamp-4 whitespace-pre-line text-neutral-700 dark:text-neutral-300">{preview}</p>
      )}
    </div>
  );
}

/** A service's ISO date and time as its day (the time of a crawl says little); other forms as given. */
function shownDate(published: string): string {
  return /^\d{4}-\d{2}-\d{2}T/.test(published) ? published.slice(0, 10) : published;
}

function hasResultList(result: unknown): boolean {
  return (
    typeof result === "object" && result !== null && "results" in result && Array.isArray(result.results)
  );
}
