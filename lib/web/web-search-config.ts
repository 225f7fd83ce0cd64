import "server-only";
import { type Env, integer, list } from "@/lib/config";

// PROTOCOL.md section 21: which search service answers web_search, and the page reader's limits.
// Read per request like the rest of the configuration. A base URL can be pointed elsewhere (a
// proxy, or the tests' fakes), but the product never picks a service nobody configured.

export const SEARCH_BACKENDS = ["searxng", "bocha", "tavily", "brave"] as const;
export type SearchBackendName = (typeof SEARCH_BACKENDS)[number];

export interface BackendSpec {
  name: SearchBackendName;
  /** Where its API lives: SEARXNG_URL, or the service's own address unless *_BASE_URL says otherwise. */
  baseUrl: string;
  /** Absent for SearXNG, which self-hosters run without a key. */
  apiKey?: string;
}

export interface ReaderConfig {
  maxBytes: number;
  timeoutMs: number;
  /** Characters of page text the model reads; the rest is cut and said to be. */
  maxChars: number;
  /** Host names (lower case) the operator lets the reader reach although they resolve to private addresses. */
  allowHosts: string[];
}

export interface WebSearchConfig {
  backend: BackendSpec | undefined;
  /** Why there is no backend, naming what to set: the 400's message. */
  problem: string | undefined;
  timeoutMs: number;
  reader: ReaderConfig;
}

/** The variable that turns each service on, in the order one is picked when SEARCH_BACKEND is unset. */
const SETTING: Record<SearchBackendName, string> = {
  searxng: "SEARXNG_URL",
  bocha: "BOCHA_API_KEY",
  tavily: "TAVILY_API_KEY",
  brave: "BRAVE_API_KEY",
};

const DEFAULT_BASE: Record<Exclude<SearchBackendName, "searxng">, string> = {
  bocha: "https://api.bochaai.com",
  tavily: "https://api.tavily.com",
  brave: "https://api.search.brave.com",
};

const NOT_CONFIGURED =
  "search: web search is not configured on this server; set SEARXNG_URL (a SearXNG instance with the JSON format enabled), BOCHA_API_KEY, TAVILY_API_KEY or BRAVE_API_KEY";

function isBackendName(value: string): value is SearchBackendName {
  return (SEARCH_BACKENDS as readonly string[]).includes(value);
}

function specFor(name: SearchBackendName, env: Env): BackendSpec | undefined {
  const setting = env[SETTING[name]]?.trim();
  if (!setting) return undefined;
  if (name === "searxng") return { name, baseUrl: setting.replace(/\/+$/, "") };
  const base = env[`${name.toUpperCase()}_BASE_URL`]?.trim() || DEFAULT_BASE[name];
  return { name, baseUrl: base.replace(/\/+$/, ""), apiKey: setting };
}

function pickBackend(env: Env): { backend: BackendSpec | undefined; problem: string | undefined } {
  const chosen = env.SEARCH_BACKEND?.trim().toLowerCase();
  if (chosen) {
    if (!isBackendName(chosen))
      return {
        backend: undefined,
        problem: `search: SEARCH_BACKEND=${chosen} is not one of ${SEARCH_BACKENDS.join(", ")}`,
      };
    const backend = specFor(chosen, env);
    if (backend) return { backend, problem: undefined };
    return { backend: undefined, problem: `search: SEARCH_BACKEND=${chosen} needs ${SETTING[chosen]} set` };
  }
  for (const name of SEARCH_BACKENDS) {
    const backend = specFor(name, env);
    if (backend) return { backend, problem: undefined };
  }
  return { backend: undefined, problem: NOT_CONFIGURED };
}

export function loadWebSearchConfig(env: Env = process.env): WebSearchConfig {
  return {
    ...pickBackend(env),
    timeoutMs: integer(env, "SEARCH_TIMEOUT_MS", 10_000, 100, 120_000),
    reader: {
      maxBytes: integer(env, "READER_MAX_BYTES", 5 * 1024 * 1024, 1024, 100 * 1024 * 1024),
      timeoutMs: integer(env, "READER_TIMEOUT_MS", 10_000, 100, 120_000),
      maxChars: integer(env, "READER_MAX_CHARS", 20_000, 500, 1_000_000),
      allowHosts: list(env.READER_ALLOW_HOSTS).map((host) => host.toLowerCase()),
    },
  };
}

/** Whether `search: true` may be asked for: the chat page shows the 联网搜索 toggle only then. */
export function searchAvailable(config: WebSearchConfig = loadWebSearchConfig()): boolean {
  return config.backend !== undefined;
}

/** Why `search: true` cannot be served here (the 400's message), or undefined when it can. */
export function searchProblem(config: WebSearchConfig = loadWebSearchConfig()): string | undefined {
  return config.backend ? undefined : config.problem;
}
