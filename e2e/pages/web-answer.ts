import type { Page } from "@playwright/test";
import { END_OK, sseBody } from "./chat-page";

// An answer that searched the web and read a page (issue 21), scripted at the app's API: the
// results are ours to choose, so tests and pictures know what its citations and cards show.

export const RESULTS = {
  query: "Moutai share price",
  backend: "searxng",
  results: [
    {
      index: 1,
      title: "Kweichow Moutai (600519) quote",
      url: "https://quotes.example.com/600519",
      snippet: "Moutai closed at ¥1,688.50 on Friday.",
      published: "2026-11-27",
    },
    {
      index: 2,
      title: "Moutai's third quarter",
      url: "https://news.example.org/moutai-q3",
      snippet: "Revenue rose.",
    },
  ],
};

export const PAGE = {
  index: 3,
  url: "https://news.example.org/moutai-q3",
  title: "Moutai's third quarter, in full",
  text: "Kweichow Moutai reported revenue up 15% in the third quarter.\nThe board kept its dividend.",
};

export const ANSWER =
  "Moutai closed at ¥1,688.50 [1], after revenue rose 15%【2】[3]. In code, `a[1]` stays as written; [9] has no source.";

/** The app's own API answers the next question with a search, a page read and a cited answer. */
export async function scriptSearchAnswer(page: Page): Promise<void> {
  await page.route("**/api/chat", (route) =>
    route.fulfill({
      headers: { "content-type": "text/event-stream" },
      body: sseBody([
        ["start", { model: "deepseek-flash", reasoning: "disabled" }],
        [
          "tool_call",
          { id: "s1", type: "mcp", name: "web_search", server: "web", arguments: { query: RESULTS.query } },
        ],
        ["tool_result", { tool_call_id: "s1", result: RESULTS }],
        [
          "tool_call",
          { id: "r1", type: "mcp", name: "read_page", server: "web", arguments: { url: PAGE.url } },
        ],
        ["tool_result", { tool_call_id: "r1", result: PAGE }],
        ["message", { content: ANSWER }],
        ["end", { ...END_OK, stats: { ...END_OK.stats, tool_calls: 2, tool_results: 2 } }],
      ]),
    }),
  );
}
