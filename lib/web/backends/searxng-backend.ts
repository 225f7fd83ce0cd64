import "server-only";
import { z } from "zod";
import {
  type BackendDeps,
  requestJson,
  type SearchBackend,
  type SearchHit,
  type Service,
} from "../search-backend";

// SearXNG's JSON API (docs.searxng.org/dev/search_api): GET /search?q=…&format=json. The instance
// must list `json` under search.formats in settings.yml, or it answers 403.

const result = z.looseObject({
  url: z.string(),
  title: z.string().default(""),
  content: z.string().nullish(),
  publishedDate: z.string().nullish(),
});

const response = z.looseObject({ results: z.array(z.unknown()) });

const service: Service = {
  label: "SearXNG",
  explain: (status) =>
    status === 403
      ? "SearXNG refused the JSON format (HTTP 403); the server's operator should enable `json` under search.formats in SearXNG's settings.yml."
      : undefined,
};

export function searxngBackend(baseUrl: string, deps: BackendDeps): SearchBackend {
  return {
    name: "searxng",
    async search({ query, count, signal }) {
      const url = `${baseUrl}/search?${new URLSearchParams({ q: query, format: "json" })}`;
      const body = await requestJson(
        service,
        url,
        { headers: { accept: "application/json" } },
        response,
        deps,
        signal,
      );
      // One odd result (an infobox-like entry without a URL) is skipped, not the whole answer.
      const hits: SearchHit[] = [];
      for (const raw of body.results) {
        const parsed = result.safeParse(raw);
        if (!parsed.success) continue;
        const { url: link, title, content, publishedDate } = parsed.data;
        hits.push({
          title,
          url: link,
          snippet: content ?? "",
          ...(publishedDate ? { published: publishedDate } : {}),
        });
        if (hits.length >= count) break;
      }
      return hits;
    },
  };
}
