import type { SearchHit } from "@/lib/store/search-repository";
import type { HistoryOutcome } from "./history-api";
import { readHttpError } from "./read-http-error";

// GET /api/search (PROTOCOL.md section 11) from the browser: one call, its outcome typed like the
// conversation routes' (history-api.ts). An aborted call (a newer query) is "unreachable", which
// the caller drops.

export type { SearchHit };

export async function searchConversations(
  query: string,
  {
    limit = 20,
    signal,
    fetcher = fetch,
  }: { limit?: number; signal?: AbortSignal; fetcher?: typeof fetch } = {},
): Promise<HistoryOutcome<SearchHit[]>> {
  const params = new URLSearchParams({ q: query, limit: String(limit) });
  let response: Response;
  try {
    response = await fetcher(`/api/search?${params}`, {
      headers: { Accept: "application/json" },
      ...(signal ? { signal } : {}),
    });
  } catch {
    return { kind: "unreachable" };
  }
  if (!response.ok) return { kind: "failed", ...(await readHttpError(response)) };
  const body: unknown = await response.json().catch(() => undefined);
  const results =
    typeof body === "object" && body !== null ? (body as { results?: unknown }).results : undefined;
  if (Array.isArray(results) && results.every(isHit)) return { kind: "ok", value: results };
  return {
    kind: "failed",
    status: response.status,
    code: "malformed_response",
    message: "The server sent search results this page cannot read.",
  };
}

function isHit(value: unknown): value is SearchHit {
  if (typeof value !== "object" || value === null) return false;
  const hit = value as Record<string, unknown>;
  return (
    typeof hit.conversationId === "string" &&
    typeof hit.title === "string" &&
    (hit.messageId === undefined || typeof hit.messageId === "string") &&
    typeof hit.snippet === "string" &&
    Array.isArray(hit.highlights) &&
    typeof hit.at === "number"
  );
}
