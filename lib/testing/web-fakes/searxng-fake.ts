import { type FakeAnswer, type FakeRequest, type FakeService, startFakeService } from "./fake-service";
import { SAMPLE_PAGES } from "./sample-pages";

// SearXNG's JSON API as docs.searxng.org/dev/search_api describes it and an instance answers it:
// GET /search?q=…&format=json. Fields the app ignores are kept, so the parser meets the real shape.
// Without format=json (or with it disabled) a real instance answers 403; so does this one.

export function searxngAnswer(request: FakeRequest): FakeAnswer {
  const { pathname, searchParams } = request.url;
  if (!pathname.endsWith("/search")) return { status: 404, body: "Not Found", type: "text/html" };
  if (searchParams.get("format") !== "json") return { status: 403, body: "Forbidden", type: "text/html" };
  const query = searchParams.get("q") ?? "";
  const results = SAMPLE_PAGES.map((page, i) => {
    const url = new URL(page.url);
    return {
      url: page.url,
      title: page.title,
      content: page.snippet,
      publishedDate: page.published,
      thumbnail: "",
      engine: "bing",
      template: "default.html",
      parsed_url: [url.protocol.replace(":", ""), url.host, url.pathname, "", url.search.slice(1), ""],
      img_src: "",
      priority: "",
      engines: ["bing", "duckduckgo"],
      positions: [i + 1, i + 2],
      score: 3 - i * 0.5,
      category: "general",
    };
  });
  const body = {
    query,
    number_of_results: 0,
    results,
    answers: [],
    corrections: [],
    infoboxes: [],
    suggestions: [`${query} news`],
    unresponsive_engines: [["google", "timeout"]],
  };
  return { status: 200, body: JSON.stringify(body) };
}

export function startSearxngFake(): Promise<FakeService> {
  return startFakeService(searxngAnswer);
}
