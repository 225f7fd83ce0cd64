import type { IncomingMessage, ServerResponse } from "node:http";
import { respond } from "../web-fakes/fake-service";
import { searxngAnswer } from "../web-fakes/searxng-fake";

// The fake SearXNG (web-fakes/searxng-fake.ts) on the upstream's own port, for Playwright, whose
// servers are started by command: SEARXNG_URL=http://127.0.0.1:<upstream port>/searxng.

export const SEARXNG_PREFIX = "/searxng/";

export function searxngRoute(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? "/", "http://upstream");
  respond(res, searxngAnswer({ method: req.method ?? "GET", url, headers: req.headers, body: "" }));
}
