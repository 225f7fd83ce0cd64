import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { jsonError } from "./responses";

// ACCESS_CODE, when set, must come with the request as `Authorization: Bearer <code>` (API
// clients, MCP clients, the CLI) or as the `access_code` cookie that /api/login sets for the
// browser. One check for proxy.ts (every request) and the routes (defence in depth).
//
// The cookie holds an HMAC keyed by the code, not the code: a copied cookie is still a key to this
// server, but it does not reveal the code, and changing ACCESS_CODE signs everyone out.

export const ACCESS_COOKIE = "access_code";

const COOKIE_MAX_AGE_S = 30 * 24 * 60 * 60;
const COOKIE_PURPOSE = "deepseek-chat:access-cookie:v1";

/** Where the headers come from: a Request's, or next/headers' read-only copy. */
export interface HeaderSource {
  get(name: string): string | null;
}

type Env = Record<string, string | undefined>;

/**
 * `open`: no ACCESS_CODE is set. `granted`: a right code or cookie. `missing`: nothing presented
 * (or a cookie that is stale, e.g. from before the code changed). `wrong`: a Bearer code that is not it.
 */
export type Access = "open" | "granted" | "missing" | "wrong";

export function configuredAccessCode(env: Env = process.env): string | undefined {
  return env.ACCESS_CODE?.trim() || undefined;
}

/** Constant time, so the code cannot be guessed byte by byte from response times. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookieToken(code: string): string {
  return createHmac("sha256", code).update(COOKIE_PURPOSE).digest("base64url");
}

export function bearerOf(headers: HeaderSource): string | undefined {
  return headers
    .get("authorization")
    ?.match(/^Bearer\s+(.+)$/i)?.[1]
    ?.trim();
}

function cookieOf(headers: HeaderSource): string | undefined {
  const match = (headers.get("cookie") ?? "").match(/(?:^|;\s*)access_code=([^;]*)/);
  return match?.[1] || undefined;
}

export function checkAccess(headers: HeaderSource, env: Env = process.env): Access {
  const expected = configuredAccessCode(env);
  if (!expected) return "open";
  const bearer = bearerOf(headers);
  if (bearer !== undefined) return sameSecret(bearer, expected) ? "granted" : "wrong";
  const cookie = cookieOf(headers);
  return cookie !== undefined && sameSecret(cookie, cookieToken(expected)) ? "granted" : "missing";
}

export function unauthorized(message?: string): Response {
  return jsonError(
    401,
    "unauthorized",
    message ?? "This server needs its access code: send Authorization: Bearer <ACCESS_CODE>.",
    { "WWW-Authenticate": 'Bearer realm="deepseek-chat"', "Cache-Control": "no-store" },
  );
}

/** A 401 response when the request lacks the access code, else undefined. */
export function requireAccessCode(request: Request, env: Env = process.env): Response | undefined {
  const access = checkAccess(request.headers, env);
  return access === "open" || access === "granted" ? undefined : unauthorized();
}

/**
 * Whether the browser reached us over https: what a TLS-terminating proxy says (Next fills
 * X-Forwarded-Proto from the socket when no proxy did), or what the page's own origin says.
 */
export function isHttps(request: Request): boolean {
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return (
    proto === "https" ||
    request.headers.get("origin")?.startsWith("https://") === true ||
    new URL(request.url).protocol === "https:"
  );
}

// Lax, not Strict: the first request after following a link to this app (or /login's redirect
// back) is a top-level navigation that Strict would send without the cookie.
function cookieAttributes(secure: boolean, maxAgeS: number): string {
  return `Path=/; Max-Age=${maxAgeS}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

export function accessCookie(code: string, secure: boolean): string {
  return `${ACCESS_COOKIE}=${cookieToken(code)}; ${cookieAttributes(secure, COOKIE_MAX_AGE_S)}`;
}

export function clearedAccessCookie(secure: boolean): string {
  return `${ACCESS_COOKIE}=; ${cookieAttributes(secure, 0)}`;
}
