import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { build } from "esbuild";

// Serves the two comparison pages of the client benchmark, bundled here with esbuild (production
// React), and passes /api/chat through to the built app, so all three pages read the same stream
// from the same server and only what the page does with it differs.

export const COMPARISON_PAGES = { naive: "naive-chat.tsx", raw: "raw-dom.ts" } as const;
export type ComparisonPage = keyof typeof COMPARISON_PAGES;

export interface PageServer {
  url: string;
  close(): Promise<void>;
}

async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [join(import.meta.dirname, "pages", entry)],
    bundle: true,
    write: false,
    minify: true,
    format: "iife",
    target: "es2022",
    jsx: "automatic",
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "silent",
  });
  return result.outputFiles[0]?.text ?? "";
}

const html = (script: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>bench</title></head><body><div id="root"></div><script src="/${script}.js"></script></body></html>`;

export async function startPageServer(appUrl: string): Promise<PageServer> {
  const scripts = new Map<string, string>();
  for (const [name, entry] of Object.entries(COMPARISON_PAGES)) scripts.set(name, await bundle(entry));
  const app = new URL(appUrl);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://pages").pathname;
    if (path.startsWith("/api/")) {
      const upstream = request(
        { host: app.hostname, port: app.port, path: req.url, method: req.method, headers: req.headers },
        (upstreamRes) => {
          res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
          upstreamRes.pipe(res);
        },
      );
      upstream.on("error", () => res.destroy());
      res.on("close", () => upstream.destroy());
      req.pipe(upstream);
      return;
    }
    const name = path.slice(1).replace(/\.js$/, "");
    const script = scripts.get(name);
    if (!script) {
      res.writeHead(404).end();
      return;
    }
    if (path.endsWith(".js")) res.writeHead(200, { "content-type": "text/javascript" }).end(script);
    else res.writeHead(200, { "content-type": "text/html" }).end(html(name));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
