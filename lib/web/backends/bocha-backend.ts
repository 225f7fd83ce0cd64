import "server-only";
import { z } from "zod";
import { ToolError } from "@/lib/mcp/builtin/tool-error";
import { type BackendDeps, requestJson, type SearchBackend, type Service } from "../search-backend";

// Bocha (博查) Web Search API, reachable from mainland China: POST /v1/web-search, Bing-shaped
// results under data.webPages.value. `summary: true` asks for a longer extract than the snippet.

const page = z.looseObject({
  name: z.string().default(""),
  url: z.string(),
  snippet: z.string().nullish(),
  summary: z.string().nullish(),
  datePublished: z.string().nullish(),
  dateLastCrawled: z.string().nullish(),
});

const response = z.looseObject({
  code: z.union([z.number(), z.string()]),
  msg: z.string().nullish(),
  data: z.looseObject({ webPages: z.looseObject({ value: z.array(page).default([]) }).nullish() }).nullish(),
});

const service: Service = {
  label: "Bocha",
  keyVariable: "BOCHA_API_KEY",
  explain: (status) =>
    status === 403
      ? "Bocha refused the search (HTTP 403): the account's balance has probably run out; the server's operator should check it at open.bochaai.com."
      : undefined,
};

export function bochaBackend(baseUrl: string, apiKey: string, deps: BackendDeps): SearchBackend {
  return {
    name: "bocha",
    async search({ query, count, signal }) {
      const body = await requestJson(
        service,
        `${baseUrl}/v1/web-search`,
        {
          method: "POST",
          headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
          body: JSON.stringify({ query, freshness: "noLimit", summary: true, count }),
        },
        response,
        deps,
        signal,
      );
      // Bocha also reports failures as HTTP 200 with a code of its own.
      if (Number(body.code) !== 200)
        throw new ToolError(
          "unavailable",
          `Bocha could not search (code ${body.code}: ${body.msg ?? "no reason given"}).`,
        );
      return (body.data?.webPages?.value ?? []).slice(0, count).map((hit) => {
        const published = hit.datePublished ?? hit.dateLastCrawled;
        return {
          title: hit.name,
          url: hit.url,
          snippet: hit.summary || hit.snippet || "",
          ...(published ? { published } : {}),
        };
      });
    },
  };
}
