import type { Dictionary } from "./en";
import type { enWeb } from "./en-web";

// The interface text of web search and sources in Chinese (issue 21), key for key as en-web.ts.

export const zhWeb: Pick<Dictionary, keyof typeof enWeb> = {
  webSearch: "联网搜索",
  webSearchHint: "回答时搜索网页、阅读页面，并注明来源",
  sourceLabel: (index: number, title: string) => `来源 ${index}：${title}`,
  sources: "来源",
  showAllSources: (count: number) => `显示全部 ${count} 个`,
  showFewerSources: "收起",
  searchResultsFor: (count: number, query: string) => `“${query}”的 ${count} 条结果`,
  noSearchResults: "没有结果。",
  pageRead: "已阅读的页面",
  rawResult: "原始结果",
};
