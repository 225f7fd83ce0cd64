import "server-only";
import type { z } from "zod";
import { ToolError } from "@/lib/mcp/builtin/tool-error";
import type { SearchBackendName } from "./web-search-config";

// What every search service is reduced to, and the one way they are called: JSON over HTTP with a
// time limit, every failure turned into a sentence the model can read and pass on.

export interface SearchHit {
  title: string;
  url: string;
  snippet: string;
  /** When the page was published or last seen, as the service gives it (ISO 8601 mostly). */
  published?: string;
}

export interface SearchRequest {
  query: string;
  count: number;
  signal: AbortSignal;
}

export interface SearchBackend {
  readonly name: SearchBackendName;
  search(request: SearchRequest): Promise<SearchHit[]>;
}

export interface BackendDeps {
  /** Serves the service's HTTP calls (tests). */
  fetch?: typeof fetch;
  timeoutMs: number;
}

export interface Service {
  /** As people know it: "SearXNG", "Bocha". */
  label: string;
  /** The variable holding its key, named when the key is refused. */
  keyVariable?: string;
  /** A sentence for a status this service gives a meaning of its own (SearXNG's 403). */
  explain?: (status: number) => string | undefined;
}

function statusMessage(service: Service, status: number): string {
  const own = service.explain?.(status);
  if (own) return own;
  if ((status === 401 || status === 403) && service.keyVariable)
    return `${service.label} refused the API key (HTTP ${status}); the server's operator should check ${service.keyVariable}.`;
  if (status === 429)
    return `${service.label} is limiting how often it may be searched (HTTP 429); try again in a minute, or answer without searching.`;
  return `${service.label} answered HTTP ${status} instead of results; try again later, or answer without searching.`;
}

/** The service's JSON, checked against `schema`; a ToolError for anything else, the caller's abort as is. */
export async function requestJson<T>(
  service: Service,
  url: string,
  init: RequestInit,
  schema: z.ZodType<T>,
  deps: BackendDeps,
  signal: AbortSignal,
): Promise<T> {
  const timeout = AbortSignal.timeout(deps.timeoutMs);
  const doFetch = deps.fetch ?? fetch;
  let response: Response;
  let text: string;
  try {
    response = await doFetch(url, { ...init, signal: AbortSignal.any([signal, timeout]), redirect: "error" });
    text = await response.text();
  } catch (error) {
    if (signal.aborted) throw error;
    if (timeout.aborted)
      throw new ToolError(
        "unavailable",
        `${service.label} did not answer within ${deps.timeoutMs / 1000} s; try again, or answer without searching.`,
      );
    throw new ToolError(
      "unavailable",
      `${service.label} could not be reached (${(error as Error).message}); try again later, or answer without searching.`,
    );
  }
  if (!response.ok) throw new ToolError("unavailable", statusMessage(service, response.status));
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ToolError(
      "bad_response",
      `${service.label} answered with something that is not JSON; try again later.`,
    );
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new ToolError(
      "bad_response",
      `${service.label} answered JSON of an unexpected shape (${parsed.error.issues[0]?.path.join(".") || "body"}); try again later.`,
    );
  return parsed.data;
}
