import { type NextRequest, NextResponse } from "next/server";
import { checkAccess, isHttps } from "@/lib/http/access-code";
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
  // The access cookie's signature is checked once here, for the guard and the owner key alike.
  const access = checkAccess(request.headers);
  const verdict = await guardRequest(request, process.env, rateLimitStore(), access);
  if (verdict.response) {
    verdict.response.headers.set(CSP, NO_CONTENT_POLICY);
    return verdict.response;
  }
  // A signed-in browser without an owner key gets one (lib/http/owner.ts), in this request's
  // cookies too, so the route it reaches already knows its owner.
  const owner = grantOwnerKey(request.headers, isHttps(request), process.env, { access });
  const headers = new Headers(request.headers);
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
    response = owner ? NextResponse.next({ request: { headers } }) : NextResponse.next();
    response.headers.set(CSP, NO_CONTENT_POLICY);
  }
  if (owner) response.headers.append("Set-Cookie", owner.setCookie);
  for (const [name, value] of Object.entries(verdict.headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but Next's build assets and the app icon (next.config.mjs gives those the inert
  // policy): pages (the login page and not-found pages too, /favicon.ico among them, which need
  // their nonce) and API routes.
  matcher: ["/((?!_next/static/|_next/image|icon\\.svg$).*)"],
};
