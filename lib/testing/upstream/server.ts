import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type ChunkSentHook, createApiHandler } from "./api-handler";
import { errorBody } from "./errors";
import { QUOTE_PREFIX, quoteRoute } from "./quote-route";
import { createRecorder, type RecordedRequest } from "./recorder";
import { SEARXNG_PREFIX, searxngRoute } from "./searxng-route";
import { sendJson } from "./send-json";
import { WEB_PAGE_PATH, webPageRoute } from "./web-page-route";

/**
 * A scripted stand-in for DeepSeek's chat-completions API, for tests and local development.
 * The conversation's last user message picks the behaviour with a `[[scenario:…]]` marker
 * (see scenarios.ts); requests that break the provider's rules get its real 400s (rules.ts).
 */

export type { RecordedRequest } from "./recorder";

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void;

export type UpstreamOptions = {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default "127.0.0.1". */
  host?: string;
  /** The only key accepted; default "sk-test". */
  apiKey?: string;
  models?: string[];
  /** Pause between chunks; 0 (the default) sends as fast as possible, still one write per chunk. */
  chunkDelayMs?: number;
  /** Extra GET routes by path, for other test data. */
  routes?: Record<string, RouteHandler>;
  /** Called as each stream chunk is written (the benchmark times relays from here). */
  onChunkSent?: ChunkSentHook;
};

export type Upstream = {
  /** e.g. http://127.0.0.1:4567, usable as an OpenAI SDK baseURL. */
  url: string;
  port: number;
  /** Live list, updated in place as requests arrive and finish. */
  requests: RecordedRequest[];
  /** Forgets recorded requests and failure counts. */
  reset(): void;
  /** Ends open streams and closes the server. */
  close(): Promise<void>;
  /** The first recorded request matching `predicate`, now or as soon as one does (default 5 s). */
  waitFor(predicate: (request: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
};

export const DEFAULT_MODELS = ["deepseek-flash", "deepseek-v4-pro", "deepseek-v4-flash"];

export async function startUpstream(options: UpstreamOptions = {}): Promise<Upstream> {
  const routes = options.routes ?? {};
  const recorder = createRecorder();
  const api = createApiHandler({
    apiKey: options.apiKey ?? "sk-test",
    models: options.models ?? DEFAULT_MODELS,
    chunkDelayMs: options.chunkDelayMs ?? 0,
    recorder,
    onChunkSent: options.onChunkSent,
  });

  const reset = () => {
    recorder.clear();
    api.clearFailures();
  };

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://upstream").pathname;
    const endpoint = path.replace(/^\/v1(?=\/)/, "");
    const route = routes[path];
    if (req.method === "GET" && route) return route(req, res);
    if (req.method === "GET" && path.startsWith(QUOTE_PREFIX)) return quoteRoute(req, res);
    if (req.method === "GET" && path.startsWith(SEARXNG_PREFIX)) return searxngRoute(req, res);
    if (req.method === "GET" && path === WEB_PAGE_PATH) return webPageRoute(req, res);
    if (req.method === "GET" && path === "/__upstream/requests") return sendJson(res, 200, recorder.requests);
    if (req.method === "POST" && path === "/__upstream/reset") {
      reset();
      return sendJson(res, 200, { ok: true });
    }
    if (req.method === "POST" && endpoint === "/chat/completions") {
      api.chat(req, res, path).catch((error: unknown) => {
        if (res.headersSent) res.destroy();
        else sendJson(res, 500, errorBody(`upstream bug: ${(error as Error).message}`, "api_error"));
      });
      return;
    }
    if (req.method === "GET" && endpoint === "/models") return api.listModels(req, res, path);
    sendJson(res, 404, errorBody(`Not Found: ${req.method} ${path}`));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  // A wildcard address is where we listen, not where a client can connect.
  const shown = host === "0.0.0.0" ? "127.0.0.1" : host === "[::]" ? "[::1]" : host;

  return {
    url: `http://${shown}:${address.port}`,
    port: address.port,
    requests: recorder.requests,
    reset,
    waitFor: recorder.waitFor,
    async close() {
      api.abortAll();
      // Stalled streams and keep-alive sockets would otherwise hold close() open.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
