import "server-only";
import { bochaBackend } from "./backends/bocha-backend";
import { braveBackend } from "./backends/brave-backend";
import { searxngBackend } from "./backends/searxng-backend";
import { tavilyBackend } from "./backends/tavily-backend";
import type { BackendDeps, SearchBackend } from "./search-backend";
import type { BackendSpec } from "./web-search-config";

/** The client for the configured service. */
export function createBackend(spec: BackendSpec, deps: BackendDeps): SearchBackend {
  const key = spec.apiKey ?? "";
  switch (spec.name) {
    case "searxng":
      return searxngBackend(spec.baseUrl, deps);
    case "bocha":
      return bochaBackend(spec.baseUrl, key, deps);
    case "tavily":
      return tavilyBackend(spec.baseUrl, key, deps);
    case "brave":
      return braveBackend(spec.baseUrl, key, deps);
  }
}
