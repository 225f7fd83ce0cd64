import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { fileURLToPath } from "node:url";
import nextEnv from "@next/env";
import { signInProvidersRefusal } from "@/lib/auth/provider-endpoints";
import { pricesRefusal } from "@/lib/cost/load-prices";
import { accountsModeRefusal, accountsModeWarning, isAccountsMode } from "@/lib/http/auth-mode";
import { rewriteForwardedHeaders } from "@/lib/http/forwarded-headers";
import { listenPlan } from "@/lib/http/listen-plan";
import { getStore } from "@/lib/store/get-store";
import { closeStore } from "@/lib/store/store-holder";

// What `npm start` runs: Next's own request handler, behind a small Node server that does the two
// things Next cannot, because only this layer sees the socket:
// - it writes the socket's address into X-Forwarded-For (and drops client-written forwarding
//   headers) unless TRUST_PROXY says a proxy in front wrote them (lib/http/forwarded-headers.ts);
// - in accounts mode (AUTH_SECRET) it refuses to start where accounts cannot last, saying why;
// - with no ACCESS_CODE it listens on loopback only unless HOSTNAME says otherwise, and warns in
//   plain words when it does (lib/http/listen-plan.ts).
// `npm run build` bundles this file into .next/start.mjs (scripts/build-server.mjs); on Vercel it
// does not run at all.

// The bundle lives in .next/, one level below the app.
const dir = fileURLToPath(new URL("..", import.meta.url));

async function main(): Promise<void> {
  // Next reads .env* files itself, but only once started: where to listen depends on them too.
  nextEnv.loadEnvConfig(dir, false, { info: () => {}, error: console.error });
  const env: Record<string, string | undefined> = process.env;
  // Accounts mode where accounts cannot last, a sign-in provider configured by half, or prices the
  // operator wrote wrong (costs and budgets would be wrong): say why and stop, once, before listening.
  const refusal =
    accountsModeRefusal(env) ??
    (isAccountsMode(env) ? signInProvidersRefusal(env) : undefined) ??
    pricesRefusal(env.DEEPSEEK_PRICES);
  if (refusal) {
    console.error(`✖ ${refusal}`);
    process.exit(78); // EX_CONFIG: a supervisor's log shows the reason, not a silent loop
  }
  const warning = accountsModeWarning(env);
  if (warning) console.warn(`⚠ ${warning}`);
  const port = Number(env.PORT) || 3000;
  const plan = listenPlan(env);
  if (plan.warning) console.warn(`⚠ ${plan.warning}`);

  // As `next start` does; set before Next (and React through it) is loaded, which reads it.
  env.NODE_ENV ??= "production";
  const { default: next } = await import("next");
  const app = next({ dev: false, dir, hostname: plan.display, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const onRequest = (request: IncomingMessage, response: ServerResponse) => {
    rewriteForwardedHeaders(request.headers, request.socket.remoteAddress, env);
    handle(request, response).catch((error: unknown) => {
      console.error(`Failed to handle request for ${request.url}`, error);
      if (!response.headersSent) response.statusCode = 500;
      response.end();
    });
  };

  const servers = await listenAll(plan.hosts, port, onRequest);
  console.log(`▲ Ready on http://${plan.display}:${port}`);
  openStoreInBackground();

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    // Stop taking connections and let the answers in flight finish, then let Next clean up
    // (`after()` work, the MCP servers it started), as `next start` does.
    void Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))))
      .then(() => app.close())
      // The database last: PGlite flushes and unlocks its directory, a pool ends its connections.
      .then(() => closeStore())
      .catch((error: unknown) => console.error("Error while stopping", error))
      .finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
    for (const server of servers) server.closeIdleConnections();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

/**
 * Opens the store now that the server listens, so the first request that needs it finds it ready
 * (a new PGlite cluster takes seconds). The routes share it through globalThis (store-holder.ts).
 * A failure is not kept: the first request that needs the store tries again, and answers 503
 * store_unavailable if it still cannot.
 */
function openStoreInBackground(): void {
  const started = Date.now();
  getStore().then(
    (store) =>
      console.log(
        store
          ? `[store] ready: ${store.kind === "pglite" ? "PGlite (DATA_DIR)" : "PostgreSQL (DATABASE_URL)"} in ${Date.now() - started} ms`
          : "[store] none: history stays in each browser (set DATABASE_URL to keep it on the server)",
      ),
    (error: unknown) => {
      const reason = (error instanceof Error ? error.message : String(error)).split("\n")[0];
      console.error(`[store] could not open at start: ${reason}`);
    },
  );
}

/**
 * Listens on every host of the plan. A missing IPv6 stack only costs the `::1` listener when there
 * is another; anything else (the port is taken) ends the process with the reason.
 */
async function listenAll(
  hosts: (string | undefined)[],
  port: number,
  onRequest: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<Server[]> {
  const servers: Server[] = [];
  for (const host of hosts) {
    const server = createServer(onRequest);
    try {
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          resolve();
        });
      });
      servers.push(server);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (hosts.length > 1 && (code === "EADDRNOTAVAIL" || code === "EAFNOSUPPORT")) continue;
      throw error;
    }
  }
  if (servers.length === 0) throw new Error(`could not listen on ${hosts.join(", ")}`);
  return servers;
}

main().catch((error: unknown) => {
  console.error("Failed to start server");
  console.error(error);
  process.exit(1);
});
