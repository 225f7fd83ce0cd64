import "server-only";
import { z } from "zod";
import { type BackendDeps, requestJson, type SearchBackend, type Service } from "../search-backend";

// Brave's Web Search API: GET /res/v1/web/search with X-Subscription-Token; results under
// web.results, descriptions with <strong> highlights that the model does not need.

const response = z.looseObject({
  // Always there; `web` is absent when nothing was found.
  query: z.looseObject({ original: z.string() }),
  web: z
    .looseObject({
      results: z.array(
        z.looseObject({
          title: z.string().default(""),
          url: z.string(),
          description: z.string().nullish(),
          page_age: z.string().nullish(),
        }),
      ),
    })
    .optional(),
});

const service: Service = {
  label: "Brave Search",
  keyVariable: "BRAVE_API_KEY",
  // Brave answers a bad or missing token with 422 SUBSCRIPTION_TOKEN_INVALID.
  explain: (status) =>
    status === 422
      ? "Brave Search refused the subscription token (HTTP 422); the server's operator should check BRAVE_API_KEY."
      : undefined,
};

const ENTITIES: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
};

function plain(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
}

export function braveBackend(baseUrl: string, apiKey: string, deps: BackendDeps): SearchBackend {
  return {
    name: "brave",
    async search({ query, count, signal }) {
      const params = new URLSearchParams({ q: query, count: String(count) });
      const body = await requestJson(
        service,
        `${baseUrl}/res/v1/web/search?${params}`,
        { headers: { accept: "application/json", "x-subscription-token": apiKey } },
        response,
        deps,
        signal,
      );
      return (body.web?.results ?? []).slice(0, count).map((hit) => ({
        title: plain(hit.title),
        url: hit.url,
        snippet: plain(hit.description ?? ""),
        ...(hit.page_age ? { published: hit.page_age } : {}),
      }));
    },
  };
}
