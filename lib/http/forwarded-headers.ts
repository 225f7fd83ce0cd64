import type { IncomingHttpHeaders } from "node:http";
import { trustedHops } from "./client-address";

// Next's route handlers and proxy.ts see headers, never the socket, and Next fills X-Forwarded-For
// from the socket only when the request brings none: left alone, a client talking to the app
// directly could name any address and get a fresh rate-limit bucket per request. The production
// server (server.ts) calls this on every request before Next sees it.
//
// With TRUST_PROXY unset nothing stands in front of the app, so every X-Forwarded-* header came
// from the client: they go, X-Forwarded-For becomes the socket's address, and Next fills the
// others (host, proto, port) from the connection itself. With TRUST_PROXY set the proxy in front
// wrote them and they stay as they are (client-address.ts picks the right entry). On Vercel this
// server does not run: the platform overwrites X-Forwarded-For itself.

const CLIENT_WRITTEN = [
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-real-ip",
  "forwarded",
];

type Env = Record<string, string | undefined>;

export function rewriteForwardedHeaders(
  headers: IncomingHttpHeaders,
  socketAddress: string | undefined,
  env: Env = process.env,
): void {
  if (trustedHops(env) > 0) return;
  for (const name of CLIENT_WRITTEN) delete headers[name];
  // A socket that closed before this ran has no address: "unknown" shares one bucket, which is
  // the safe side.
  headers["x-forwarded-for"] = socketAddress ?? "unknown";
}
