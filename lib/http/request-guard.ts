import "server-only";
import { bearerOf, checkAccess, unauthorized } from "./access-code";
import { clientAddress } from "./client-address";
import { corsHeaders, preflightResponse } from "./cors";
import { type RateLimitDecision, type RateLimitStore, rateLimitRule, rateLimitStore } from "./rate-limit";
import { jsonError } from "./responses";
import { refuseForeignOrigin } from "./same-origin";

// What proxy.ts decides for every request before a page or route sees it, in this order:
// CORS preflight → foreign origin (403) → access code (401 / redirect to /login) → rate limit (429).
// Kept free of Next's types so it can be tested with plain Requests.

type Env = Record<string, string | undefined>;

export type GuardVerdict =
  | { response: Response }
  /** Let the request through, adding these headers to whatever answers it. */
  | { response?: undefined; headers: Record<string, string> };

/** Routes that call the model (or run tools for whoever asks): the ones the rate limit counts. */
export function spendsModel(method: string, path: string): boolean {
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

function rateLimited(decision: RateLimitDecision): Response {
  const seconds = String(decision.retryAfterS);
  return jsonError(429, "rate_limited", `Too many requests: try again in ${seconds} s.`, {
    "Retry-After": seconds,
    "Cache-Control": "no-store",
  });
}

function redirectToLogin(url: URL): Response {
  const login = new URL(`/login?next=${encodeURIComponent(`${url.pathname}${url.search}`)}`, url);
  // Absolute because Next's proxy adapter requires it; it sends it relative (same host), which
  // stays right behind a proxy that rewrites the Host.
  return new Response(null, { status: 307, headers: { Location: login.href, "Cache-Control": "no-store" } });
}

export async function guardRequest(
  request: Request,
  env: Env = process.env,
  store: RateLimitStore = rateLimitStore(),
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

  // Preflights carry no credentials, by design; other origins' go on to Next's default OPTIONS,
  // which has no CORS headers, so the browser refuses them.
  if (api && request.method === "OPTIONS") return cors ? { response: preflightResponse(cors) } : pass;

  const spends = spendsModel(request.method, path);
  const foreign = refuseForeignOrigin(request, { spends }, env);
  if (foreign) return { response: foreign };

  const rule = rateLimitRule(env);
  const client = clientAddress(request.headers, env);

  if (path === "/login") return pass;
  // Every login attempt counts, right or wrong, so a guesser cannot tell a right guess by its answer.
  if (path === "/api/login") {
    if (request.method === "POST" && rule) {
      const decision = await store.take(`login:${client}`, rule);
      if (!decision.allowed) return reply(rateLimited(decision));
    }
    return pass;
  }

  const access = checkAccess(request.headers, env);
  // A Bearer code is a guess too: wrong ones spend the same bucket as logins, and once it is empty
  // even the right code waits, or the difference would tell the guesser it had found it. (Cookies
  // hold a 256-bit HMAC: nobody guesses those.)
  if (rule && (access === "wrong" || (access === "granted" && bearerOf(request.headers) !== undefined))) {
    const decision = await store.take(`login:${client}`, rule, access === "wrong" ? 1 : 0);
    if (!decision.allowed) return reply(rateLimited(decision));
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
  return pass;
}
