import "server-only";
import type { AccountLookup } from "@/lib/auth/account-lookup";
import { type Access, bearerOf, checkAccess, unauthorized } from "./access-code";
import { isOpenMode } from "./access-mode";
import { guardAccounts } from "./accounts-guard";
import { hostName, isAllowedHost, requestedHost } from "./allowed-hosts";
import { isAccountsMode } from "./auth-mode";
import { clientAddress } from "./client-address";
import { corsHeaders, preflightResponse } from "./cors";
import { type RateLimitStore, rateLimitRule, rateLimitStore } from "./rate-limit";
import { jsonError } from "./responses";
import { refuseForeignOrigin } from "./same-origin";
import { isSharePage } from "./share-page";
import { rateLimited, recordSignIn, signInRefusal } from "./sign-in-guard";

// What proxy.ts decides for every request before a page or route sees it, in this order:
// unknown Host in the open mode (421) → CORS preflight → a page element asking for an answer (403)
// → foreign origin (403) → access code (401 / redirect to /login; sign-in limits, 429; a share
// page, read with GET, needs none) → rate limits (429). Kept free of Next's types so it can be tested with plain Requests.

type Env = Record<string, string | undefined>;

export type GuardVerdict =
  | { response: Response }
  /** Let the request through, adding these headers to whatever answers it. */
  | { response?: undefined; headers: Record<string, string> };

/** Routes that call the model (or run tools for whoever asks): the ones the rate limit counts. */
function spendsModel(method: string, path: string): boolean {
  return (
    (path === "/api/chat" && (method === "POST" || method === "GET")) ||
    (path === "/api/mcp" && method === "POST")
  );
}

/** The path as the router will match it: "/%61pi/chat" must not slip past "/api/chat". */
export function routePath(url: URL): string {
  try {
    return decodeURIComponent(url.pathname);
  } catch {
    return url.pathname;
  }
}

/** 421: this server is not known by that name (DNS rebinding, or a setting to add). */
function unknownHost(host: string, api: boolean): Response {
  const name = hostName(host).slice(0, 100) || "(none)";
  const message =
    `This server does not answer to the name '${name}'. Open it as localhost, or add the name to ` +
    "ALLOWED_HOSTS (e.g. a LAN install reached by its IP address), or set PUBLIC_URL to the address " +
    "people use.";
  const headers = { "Cache-Control": "no-store" };
  if (api) return jsonError("unknown_host", message, headers);
  return new Response(`${message}\n`, {
    status: 421,
    headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" },
  });
}

/**
 * `GET /api/chat?prompt=…` is for EventSource, fetch and programs. A browser says what a request
 * is for in Sec-Fetch-Dest (`empty` for fetch and EventSource); an image, a followed link or a
 * frame pointing at it (a poisoned answer's `![x](/api/chat?prompt=…)`) must not start a model run
 * with the reader's cookie. Programs send no Sec-Fetch headers and are not affected.
 */
function refusesDestination(request: Request, path: string): Response | undefined {
  if (path !== "/api/chat" || request.method !== "GET") return undefined;
  const destination = request.headers.get("sec-fetch-dest");
  if (destination === null || destination === "empty") return undefined;
  return jsonError(
    "forbidden_destination",
    "GET /api/chat answers EventSource, fetch and programs only: an image, a link or a frame cannot start an answer.",
    { "Cache-Control": "no-store" },
  );
}

/** Re-attaching to a resumable answer (GET /api/chat/<id>) costs no model call: a bucket of its own. */
const REATTACH_FACTOR = 4;

export function redirectToLogin(url: URL, page = "/login"): Response {
  const login = new URL(`${page}?next=${encodeURIComponent(`${url.pathname}${url.search}`)}`, url);
  // Absolute because Next's proxy adapter requires it; it sends it relative (same host), which
  // stays right behind a proxy that rewrites the Host.
  return new Response(null, { status: 307, headers: { Location: login.href, "Cache-Control": "no-store" } });
}

/**
 * `access`: the request's access check, when the caller has made it already. `account`: in accounts
 * mode, what the session lookup found (proxy.ts), undefined when signed out.
 */
export async function guardRequest(
  request: Request,
  env: Env = process.env,
  store: RateLimitStore = rateLimitStore(),
  access: Access = checkAccess(request.headers, env),
  account?: AccountLookup,
): Promise<GuardVerdict> {
  const url = new URL(request.url);
  const path = routePath(url);
  const api = path === "/api" || path.startsWith("/api/");
  const cors = api ? corsHeaders(request.headers.get("origin"), env) : undefined;
  const reply = (response: Response): GuardVerdict => {
    for (const [name, value] of Object.entries(cors ?? {})) response.headers.set(name, value);
    return { response };
  };
  const pass: GuardVerdict = { headers: cors ?? {} };

  // Open mode: nothing else would stop a page that reached us through a name of its own.
  if (isOpenMode(env)) {
    const host = requestedHost(request.headers, env);
    if (!isAllowedHost(host, env)) return { response: unknownHost(host, api) };
  }

  // Preflights carry no credentials, by design; other origins' go on to Next's default OPTIONS,
  // which has no CORS headers, so the browser refuses them.
  if (api && request.method === "OPTIONS") return cors ? { response: preflightResponse(cors) } : pass;

  const embedded = refusesDestination(request, path);
  if (embedded) return reply(embedded);

  const spends = spendsModel(request.method, path);
  const foreign = refuseForeignOrigin(request, { spends }, env);
  if (foreign) return { response: foreign };

  const rule = rateLimitRule(env);
  const client = clientAddress(request.headers, env);
  if (isAccountsMode(env)) {
    const refused = await guardAccounts({ request, url, path, api, account, rule, client, store, env });
    return refused ? reply(refused) : pass;
  }

  if (path === "/login") return pass;
  // A share link is given to people without the code: its page reads nothing but that one copy.
  if ((request.method === "GET" || request.method === "HEAD") && isSharePage(path)) return pass;
  // Every login attempt counts, right or wrong, so a guesser cannot tell a right guess by its answer.
  // The route checks the code and records the outcome (sign-in-guard.ts).
  if (path === "/api/login") {
    const refused =
      request.method === "POST" && rule ? await signInRefusal(client, rule, store, 1) : undefined;
    return refused ? reply(refused) : pass;
  }

  // A Bearer code is a guess too: wrong ones spend the same buckets as logins, and once one is
  // empty even the right code waits, or the difference would tell the guesser it had found it.
  // (Cookies are signed with a 256-bit key: nobody guesses those.)
  if (rule && (access === "wrong" || (access === "granted" && bearerOf(request.headers) !== undefined))) {
    const refused = await signInRefusal(client, rule, store, access === "wrong" ? 1 : 0);
    if (refused) return reply(refused);
    await recordSignIn(client, access === "granted", rule, store);
  }
  if (access === "missing" || access === "wrong") {
    if (!api) return { response: redirectToLogin(url) };
    return reply(
      unauthorized(
        access === "wrong"
          ? "The access code is not right."
          : "This server needs its access code: send Authorization: Bearer <ACCESS_CODE>, or sign in at /login.",
      ),
    );
  }

  if (spends && rule) {
    const decision = await store.take(`spend:${client}`, rule);
    if (!decision.allowed) return reply(rateLimited(decision));
  }
  if (rule && request.method === "GET" && /^\/api\/chat\/[^/]+$/.test(path)) {
    const decision = await store.take(`attach:${client}`, { perMinute: rule.perMinute * REATTACH_FACTOR });
    if (!decision.allowed) return reply(rateLimited(decision));
  }
  return pass;
}
