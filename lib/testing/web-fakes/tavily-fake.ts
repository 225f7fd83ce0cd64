import { type FakeAnswer, type FakeRequest, type FakeService, startFakeService } from "./fake-service";
import { SAMPLE_PAGES } from "./sample-pages";

// Tavily's Search API (docs.tavily.com, "Tavily Search"): POST /search with
// `Authorization: Bearer tvly-…` and {query, max_results, search_depth, …}.

export const TAVILY_FAKE_KEY = "tvly-fake";

export function tavilyAnswer(request: FakeRequest): FakeAnswer {
  if (request.method !== "POST" || request.url.pathname !== "/search")
    return { status: 404, body: JSON.stringify({ detail: "Not Found" }) };
  if (request.headers.authorization !== `Bearer ${TAVILY_FAKE_KEY}`)
    return {
      status: 401,
      body: JSON.stringify({ detail: { error: "Unauthorized: missing or invalid API key." } }),
    };
  const { query, max_results = 5 } = JSON.parse(request.body) as { query: string; max_results?: number };
  const results = SAMPLE_PAGES.slice(0, max_results).map((page, i) => ({
    title: page.title,
    url: page.url,
    content: page.snippet,
    score: 0.9 - i * 0.1,
    raw_content: null,
    favicon: `https://${new URL(page.url).host}/favicon.ico`,
  }));
  const body = {
    query,
    follow_up_questions: null,
    answer: null,
    images: [],
    results,
    auto_parameters: { topic: "general", search_depth: "basic" },
    response_time: "1.67",
    request_id: "123e4567-e89b-12d3-a456-426614174111",
  };
  return { status: 200, body: JSON.stringify(body) };
}

export function startTavilyFake(): Promise<FakeService> {
  return startFakeService(tavilyAnswer);
}
