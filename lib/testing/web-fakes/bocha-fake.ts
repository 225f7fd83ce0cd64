import { type FakeAnswer, type FakeRequest, type FakeService, startFakeService } from "./fake-service";
import { SAMPLE_PAGES } from "./sample-pages";

// Bocha's Web Search API (open.bochaai.com, "Web Search API" document; its response follows Bing's):
// POST /v1/web-search with `Authorization: Bearer <key>` and {query, freshness, summary, count}.

export const BOCHA_FAKE_KEY = "sk-bocha-fake";

function unauthorized(): FakeAnswer {
  const body = { code: "401", message: "Invalid API KEY", log_id: "c66aac8a7f1c4b4e" };
  return { status: 401, body: JSON.stringify(body) };
}

export function bochaAnswer(request: FakeRequest): FakeAnswer {
  if (request.method !== "POST" || request.url.pathname !== "/v1/web-search")
    return { status: 404, body: JSON.stringify({ code: "404", message: "Not Found" }) };
  if (request.headers.authorization !== `Bearer ${BOCHA_FAKE_KEY}`) return unauthorized();
  const {
    query,
    count = 10,
    summary = false,
  } = JSON.parse(request.body) as {
    query: string;
    count?: number;
    summary?: boolean;
  };
  const value = SAMPLE_PAGES.slice(0, count).map((page, i) => ({
    id: `https://api.bochaai.com/v1/#WebPages.${i}`,
    name: page.title,
    url: page.url,
    displayUrl: page.url,
    snippet: page.snippet,
    ...(summary ? { summary: `${page.snippet} (summary)` } : {}),
    siteName: page.site,
    siteIcon: `https://th.bochaai.com/favicon?domain_url=${new URL(page.url).host}`,
    datePublished: `${page.published}+08:00`,
    dateLastCrawled: `${page.published}Z`,
    cachedPageUrl: null,
    language: null,
    isFamilyFriendly: null,
    isNavigational: null,
  }));
  const body = {
    code: 200,
    log_id: "e02ce8d18c71d14f",
    msg: null,
    data: {
      _type: "SearchResponse",
      queryContext: { originalQuery: query },
      webPages: {
        webSearchUrl: `https://bochaai.com/search?q=${encodeURIComponent(query)}`,
        totalEstimatedMatches: 10_000_000,
        value,
        someResultsRemoved: true,
      },
      images: { id: null, readLink: null, webSearchUrl: null, value: [], isFamilyFriendly: null },
      videos: null,
    },
  };
  return { status: 200, body: JSON.stringify(body) };
}

export function startBochaFake(): Promise<FakeService> {
  return startFakeService(bochaAnswer);
}
