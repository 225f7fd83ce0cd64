import "server-only";
import { searxngBackend } from "./backends/searxng-backend";
import type { BackendDeps, SearchBackend } from "./search-backend";
import type { BackendSpec } from "./web-search-config";

/** The client for the configured service. */
export function createBackend(spec: BackendSpec, deps: BackendDeps): SearchBackend {
  switch (spec.name) {
    case "searxng":
      return searxngBackend(spec.baseUrl, deps);
    default:
      throw new Error(`search backend ${spec.name} is not built yet`);
  }
}
