import "server-only";
import { z } from "zod";
import { type BackendDeps, requestJson, type SearchBackend, type Service } from "../search-backend";

// Tavily's Search API: POST /search, results with title, url, content and (news) published_date.

const response = z.looseObject({
  results: z.array(
    z.looseObject({
      title: z.string().default(""),
      url: z.string(),
      content: z.string().nullish(),
      published_date: z.string().nullish(),
    }),
  ),
});

const service: Service = {
  label: "Tavily",
  keyVariable: "TAVILY_API_KEY",
  // Tavily's own codes for a plan's credits used up.
  explain: (status) =>
    status === 432 || status === 433
      ? `Tavily's plan has no search credits left (HTTP ${status}); the server's operator should check the account.`
      : undefined,
};

export function tavilyBackend(baseUrl: string, apiKey: string, deps: BackendDeps): SearchBackend {
  return {
    name: "tavily",
    async search({ query, count, signal }) {
      const body = await requestJson(
        service,
        `${baseUrl}/search`,
        {
          method: "POST",
          headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
          body: JSON.stringify({ query, max_results: count, search_depth: "basic", include_answer: false }),
        },
        response,
        deps,
        signal,
      );
      return body.results.slice(0, count).map((hit) => ({
        title: hit.title,
        url: hit.url,
        snippet: hit.content ?? "",
        ...(hit.published_date ? { published: hit.published_date } : {}),
      }));
    },
  };
}
