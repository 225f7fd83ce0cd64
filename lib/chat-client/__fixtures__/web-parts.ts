import type { ToolPart } from "../types";

// Web tool parts as webcore's server sends them (issue 21): one search and one page read, numbered
// across the answer. Shared by the sources, citation and export tests.

export const searchPart: ToolPart = {
  type: "tool",
  id: "call_search",
  name: "web_search",
  server: "web",
  arguments: { query: "茅台 股价" },
  status: "done",
  result: {
    query: "茅台 股价",
    backend: "searxng",
    results: [
      {
        index: 1,
        title: "贵州茅台 (600519) 行情",
        url: "https://www.example.com/quote/600519",
        snippet: "贵州茅台今日收盘 1688.50 元。",
        published: "2026-11-28",
      },
      { index: 2, title: "Moutai shares [rally]", url: "https://news.example.org/moutai?id=2", snippet: "" },
      // Not a web page: never a source.
      { index: 3, title: "bad", url: "javascript:alert(1)" },
    ],
  },
  startedAt: 1_000,
  endedAt: 1_900,
};

export const pagePart: ToolPart = {
  type: "tool",
  id: "call_read",
  name: "read_page",
  server: "web",
  arguments: { url: "https://finance.example.net/moutai" },
  status: "done",
  result: {
    index: 4,
    url: "https://finance.example.net/moutai",
    title: "Moutai's quarter",
    text: "Kweichow Moutai reported revenue up 15%.\nMore lines follow.",
  },
  startedAt: 2_000,
  endedAt: 2_500,
};
