import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// A web site on 127.0.0.1 for the page reader's tests: routes by path, and a count of the TCP
// connections it accepted, so a test can say "the reader never reached it" as a number.

export type SiteRoute = (req: IncomingMessage, res: ServerResponse) => void;

export interface LocalSite {
  port: number;
  /** Connections accepted so far. */
  readonly connections: number;
  /** Host headers of the requests it answered. */
  hosts: string[];
  close(): Promise<void>;
}

export async function startLocalSite(routes: Record<string, SiteRoute> = {}): Promise<LocalSite> {
  let connections = 0;
  const hosts: string[] = [];
  const server = createServer((req, res) => {
    hosts.push(req.headers.host ?? "");
    const route = routes[new URL(req.url ?? "/", "http://site").pathname];
    if (route) return route(req, res);
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end("<html><head><title>Local</title></head><body><p>secret internal page</p></body></html>");
  });
  server.on("connection", () => {
    connections++;
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    get connections() {
      return connections;
    },
    hosts,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
