import "server-only";
import type { AccountLookup } from "@/lib/auth/account-lookup";
import { SIGN_IN_FIRST, unauthorized } from "./access-code";
import { accountsModeRefusal } from "./auth-mode";
import type { RateLimitRule, RateLimitStore } from "./rate-limit";
import { jsonError } from "./responses";
import { isSharePage } from "./share-page";
import { rateLimited, signInRefusal } from "./sign-in-guard";

// The request guard's accounts mode (PROTOCOL.md section 14), after the origin checks: a server
// that cannot hold accounts says why (503) → the sign-in pages, Better Auth's own routes (sign-in
// and sign-up attempts counted per address) and share pages pass → signed out, or an API key that
// cannot be used: 401 for the API, the sign-in page for a browser → pending or disabled: 403 → an
// API key outside the APIs it opens: 403 → rate limits per account.

type Env = Record<string, string | undefined>;

/** Attempts at a password: each spends the address's sign-in bucket, right or wrong. */
const PASSWORD_ATTEMPTS = new Set([
  "/api/auth/sign-in/email",
  "/api/auth/sign-up/email",
  "/api/auth/change-password",
]);
/** Pages a signed-out browser may open. */
const SIGN_IN_PAGES = new Set(["/sign-in", "/sign-up"]);
const REATTACH_FACTOR = 4;

/**
 * What a personal API key opens (PROTOCOL.md section 15): the chat (its files too), MCP and history APIs. Never a
 * page, the account's own routes (its keys, its tool settings: a script must not loosen them) or an admin's.
 */
const KEY_PATHS =
  /^\/api\/(?:(?:chat|files|mcp|conversations|search|export|import|shares)(?:\/|$)|tools\/?$)/;

export function keyMayOpen(path: string): boolean {
  return KEY_PATHS.test(path);
}

export interface AccountsGuardInput {
  request: Request;
  url: URL;
  path: string;
  api: boolean;
  account: AccountLookup | undefined;
  rule: RateLimitRule | undefined;
  client: string;
  store: RateLimitStore;
  env: Env;
}

function redirect(url: URL, to: string): Response {
  return new Response(null, {
    status: 307,
    headers: { Location: new URL(to, url).href, "Cache-Control": "no-store" },
  });
}

function signInPage(url: URL): string {
  return `/sign-in?next=${encodeURIComponent(`${url.pathname}${url.search}`)}`;
}

/** The refusal for this request, or undefined to let it through. */
export async function guardAccounts(input: AccountsGuardInput): Promise<Response | undefined> {
  const { request, url, path, api, rule, client, store } = input;
  const refusal = accountsModeRefusal(input.env);
  if (refusal) return jsonError("accounts_unavailable", refusal, { "Cache-Control": "no-store" });

  if (SIGN_IN_PAGES.has(path)) return undefined;
  if ((request.method === "GET" || request.method === "HEAD") && isSharePage(path)) return undefined;
  if (path === "/api/auth" || path.startsWith("/api/auth/")) {
    if (request.method !== "POST" || !rule || !PASSWORD_ATTEMPTS.has(path)) return undefined;
    return signInRefusal(client, rule, store, 1);
  }

  if (input.account && !input.account.ok) return input.account.response;
  const account = input.account?.account;
  if (!account) return api ? unauthorized(SIGN_IN_FIRST) : redirect(url, signInPage(url));
  if (account.status !== "active") {
    // The sign-in page shows a pending account its state, and lets it sign out.
    if (!api) return redirect(url, "/sign-in");
    return account.status === "pending"
      ? jsonError("account_pending", "This account is waiting for an admin to approve it.", {
          "Cache-Control": "no-store",
        })
      : jsonError("account_disabled", "This account was disabled by an admin.", {
          "Cache-Control": "no-store",
        });
  }
  if (account.via === "key" && !keyMayOpen(path)) {
    return jsonError(
      "key_not_allowed",
      "An API key opens the chat, MCP and history APIs only: pages, the account and its keys need a browser that signed in.",
      { "Cache-Control": "no-store" },
    );
  }
  // The access-code page has nothing for an account.
  if (path === "/login") return redirect(url, "/");
  return accountRateLimit(request, path, `user:${account.id}`, rule, store);
}

async function accountRateLimit(
  request: Request,
  path: string,
  key: string,
  rule: RateLimitRule | undefined,
  store: RateLimitStore,
): Promise<Response | undefined> {
  if (!rule) return undefined;
  const spends =
    (path === "/api/chat" && (request.method === "POST" || request.method === "GET")) ||
    (path === "/api/mcp" && request.method === "POST");
  if (spends) {
    const decision = await store.take(`spend:${key}`, rule);
    if (!decision.allowed) return rateLimited(decision);
  }
  if (request.method === "GET" && /^\/api\/chat\/[^/]+$/.test(path)) {
    const decision = await store.take(`attach:${key}`, { perMinute: rule.perMinute * REATTACH_FACTOR });
    if (!decision.allowed) return rateLimited(decision);
  }
  return undefined;
}
