import { type NextRequest, NextResponse } from "next/server";
import { type AccountLookup, lookUpAccount } from "@/lib/auth/account-lookup";
import { ACCOUNT_HEADER, accountHeaderValue } from "@/lib/auth/request-account";
import { secureCookie } from "@/lib/auth/secure-cookies";
import { checkAccess, isHttps } from "@/lib/http/access-code";
import { accountsModeRefusal, isAccountsMode } from "@/lib/http/auth-mode";
import {
  createNonce,
  NO_CONTENT_POLICY,
  NONCE_HEADER,
  pagePolicy,
  servesPage,
} from "@/lib/http/content-security-policy";
import { grantOwnerKey, withOwnerCookie } from "@/lib/http/owner";
import { rateLimitStore } from "@/lib/http/rate-limit";
import { guardRequest, routePath } from "@/lib/http/request-guard";
import { isSharePage, SHARE_PAGE_HEADERS } from "@/lib/http/share-page";

// Next 16's request proxy (formerly middleware; Node.js runtime): one gate in front of every page
// and API route for the access code, foreign origins, CORS and the rate limit (the rules live in
// lib/http/request-guard.ts; route handlers may still check the access code themselves), and the
// one place that sets the Content-Security-Policy, since a page's nonce must be new per request.

const CSP = "Content-Security-Policy";

export async function proxy(request: NextRequest): Promise<Response> {
  // Only the proxy says who is signed in (lib/auth/request-account.ts): never the client.
  const headers = new Headers(request.headers);
  headers.delete(ACCOUNT_HEADER);
  // Accounts mode: the request's one session lookup, passed on to the page or route it reaches.
  const lookup = await accountLookup(request);
  const account = lookup?.ok ? lookup.account : undefined;
  if (account) headers.set(ACCOUNT_HEADER, accountHeaderValue(account));
  // The access cookie's signature is checked once here, for the guard and the owner key alike.
  const access = checkAccess(headers);
  const verdict = await guardRequest(request, process.env, rateLimitStore(), access, lookup);
  if (verdict.response) {
    verdict.response.headers.set(CSP, NO_CONTENT_POLICY);
    return verdict.response;
  }
  // A signed-in browser without an owner key gets one (lib/http/owner.ts), in this request's
  // cookies too, so the route it reaches already knows its owner.
  const owner = grantOwnerKey(request.headers, isHttps(request), process.env, { access });
  if (owner) headers.set("cookie", withOwnerCookie(request.headers.get("cookie"), owner));
  let response: NextResponse;
  const path = routePath(request.nextUrl);
  if (servesPage(path)) {
    const nonce = createNonce();
    const readOnly = isSharePage(path);
    const policy = pagePolicy(nonce, { dev: process.env.NODE_ENV === "development", readOnly });
    // Next takes the nonce for its own scripts from the request's CSP header; x-nonce is for ours.
    headers.set(NONCE_HEADER, nonce);
    headers.set(CSP, policy);
    response = NextResponse.next({ request: { headers } });
    response.headers.set(CSP, policy);
    if (readOnly)
      for (const [name, value] of Object.entries(SHARE_PAGE_HEADERS)) response.headers.set(name, value);
  } else {
    response = owner || lookup ? NextResponse.next({ request: { headers } }) : NextResponse.next();
    response.headers.set(CSP, NO_CONTENT_POLICY);
  }
  if (owner) response.headers.append("Set-Cookie", owner.setCookie);
  // A session the library extended comes with its cookie renewed.
  for (const cookie of lookup?.ok ? lookup.setCookies : [])
    response.headers.append("Set-Cookie", secureCookie(cookie, isHttps(request)));
  for (const [name, value] of Object.entries(verdict.headers)) response.headers.set(name, value);
  return response;
}

/** Accounts mode only; nothing to look up where accounts cannot run (the guard says why). */
async function accountLookup(request: NextRequest): Promise<AccountLookup | undefined> {
  if (!isAccountsMode() || accountsModeRefusal()) return undefined;
  // Better Auth's own routes read the session themselves when they need it.
  if (routePath(request.nextUrl).startsWith("/api/auth/")) return undefined;
  return lookUpAccount(request.headers);
}

export const config = {
  // Everything but Next's build assets and the app icon (next.config.mjs gives those the inert
  // policy): pages (the login page and not-found pages too, /favicon.ico among them, which need
  // their nonce) and API routes.
  matcher: ["/((?!_next/static/|_next/image|icon\\.svg$).*)"],
};
