import { type FakeAnswer, type FakeRequest, type FakeService, startFakeService } from "./fake-service";
import { SAMPLE_PAGES } from "./sample-pages";

// Brave's Web Search API (api-dashboard.search.brave.com/docs, WebSearchApiResponse): GET
// /res/v1/web/search?q=…&count=… with `X-Subscription-Token: <key>`. Descriptions carry <strong>.

export const BRAVE_FAKE_KEY = "brave-fake-token";

function invalidToken(): FakeAnswer {
  const error = {
    id: "b9dba2d0-5d8d-4e43-a4e4-d0a5dc3c9a3e",
    status: 422,
    code: "SUBSCRIPTION_TOKEN_INVALID",
    detail: "The provided subscription token is invalid.",
    meta: { component: "authentication" },
  };
  return { status: 422, body: JSON.stringify({ type: "ErrorResponse", error, time: 1_764_390_000 }) };
}

function result(page: (typeof SAMPLE_PAGES)[number]) {
  const url = new URL(page.url);
  return {
    title: page.title,
    url: page.url,
    is_source_local: false,
    is_source_both: false,
    description: page.snippet.replace("DeepSeek", "<strong>DeepSeek</strong>"),
    page_age: page.published,
    profile: {
      name: page.site,
      url: page.url,
      long_name: url.host,
      img: "https://imgs.search.brave.com/x.png",
    },
    language: "en",
    family_friendly: true,
    type: "search_result",
    subtype: "generic",
    is_live: false,
    meta_url: { scheme: "https", netloc: url.host, hostname: url.host, favicon: "", path: url.pathname },
    age: "July 24, 2026",
  };
}

export function braveAnswer(request: FakeRequest): FakeAnswer {
  if (request.url.pathname !== "/res/v1/web/search") return { status: 404, body: "{}" };
  if (request.headers["x-subscription-token"] !== BRAVE_FAKE_KEY) return invalidToken();
  const query = request.url.searchParams.get("q") ?? "";
  const count = Number(request.url.searchParams.get("count") ?? 20);
  const body = {
    type: "search",
    query: {
      original: query,
      show_strict_warning: false,
      is_navigational: false,
      is_news_breaking: false,
      spellcheck_off: true,
      country: "us",
      bad_results: false,
      should_fallback: false,
      postal_code: "",
      city: "",
      header_country: "",
      more_results_available: true,
      state: "",
    },
    mixed: { type: "mixed", main: [{ type: "web", index: 0, all: false }], top: [], side: [] },
    web: { type: "search", results: SAMPLE_PAGES.slice(0, count).map(result), family_friendly: true },
  };
  return { status: 200, body: JSON.stringify(body) };
}

export function startBraveFake(): Promise<FakeService> {
  return startFakeService(braveAnswer);
}
