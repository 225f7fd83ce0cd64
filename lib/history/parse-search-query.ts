import { z } from "zod";
import type { SearchRequest } from "@/lib/store/search-repository";
import { type Parsed, parseWith } from "./history-schemas";

// GET /api/search's query (PROTOCOL.md section 11), checked before the store is asked.

/** Characters of a query: a search box's line, not a document. */
export const MAX_QUERY = 200;

const searchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1, "say what to search for")
    .refine((q) => [...q].length <= MAX_QUERY, `at most ${MAX_QUERY} characters`),
  limit: z.coerce.number().int().min(1).max(50).optional(),
});

export function parseSearchQuery(params: URLSearchParams): Parsed<SearchRequest> {
  const limit = params.get("limit");
  const parsed = parseWith(searchQuery, { q: params.get("q") ?? "", ...(limit === null ? {} : { limit }) });
  if (!parsed.ok) return parsed;
  const { q, limit: n } = parsed.value;
  return { ok: true, value: { query: q, ...(n === undefined ? {} : { limit: n }) } };
}
