// The interface text of web search and sources in English (issue 21), spread into en.ts.

export const enWeb = {
  webSearch: "Web search",
  webSearchHint: "Let the answer search the web and read pages, citing them",
  /** A citation's accessible name, and the list's heading (also in the Markdown export). */
  sourceLabel: (index: number, title: string) => `Source ${index}: ${title}`,
  sources: "Sources",
  showAllSources: (count: number) => `Show all ${count}`,
  showFewerSources: "Show fewer",
  searchResultsFor: (count: number, query: string) =>
    `${count} ${count === 1 ? "result" : "results"} for “${query}”`,
  noSearchResults: "No results.",
  pageRead: "Page read",
  rawResult: "Raw result",
};
