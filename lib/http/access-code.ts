import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { activeAccountOf } from "@/lib/auth/request-account";
import { configuredAccessCode } from "./access-mode";
import { isAccountsMode } from "./auth-mode";
import { jsonError } from "./responses";

// ACCESS_CODE, when set, must come with the request as `Authorization: Bearer <code>` (API
// clients, MCP clients, the CLI) or as the `access_code` cookie that /api/login sets for the
// browser. One check for proxy.ts (every request) and the routes (defence in depth).
//
// The cookie is a token of its own per sign-in, `<expiry>.<nonce>.<signature>`: it holds no code,
// ends on the server after 30 days whatever the browser keeps, and its signature is keyed by
// ACCESS_CODE and ACCESS_SECRET, so changing either signs every browser out.

export { configuredAccessCode };

const ACCESS_COOKIE = "access_code";

const TOKEN_TTL_S = 30 * 24 * 60 * 60;
const TOKEN_PURPOSE = "deepseek-chat:access-cookie:v2";
const TOKEN = /^([0-9a-z]{1,11})\.([\w-]{22})\.([\w-]{43})$/;

/** Where the headers come from: a Request's, or next/headers' read-only copy. */
export interface HeaderSource {
  get(name: string): string | null;
}

type Env = Record<string, string | undefined>;

/**
 * `open`: no ACCESS_CODE is set. `granted`: a right code or cookie. `missing`: nothing presented
 * (or a cookie that is stale: expired, or from before the code or secret changed). `wrong`: a
 * Bearer code that is not it.
 */
export type Access = "open" | "granted" | "missing" | "wrong";

// Both sides are hashed under a key of this process before the comparison, so it always compares
// 32 bytes with 32 bytes: neither its time nor whether it runs at all says how long the code is.
const COMPARE_KEY = randomBytes(32);

function compareDigest(value: string): Buffer {
  return createHmac("sha256", COMPARE_KEY).update(value).digest();
}

/** Constant time, and blind to length, so the code cannot be learnt from response times. */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(compareDigest(given), compareDigest(expected));
}

function signingKey(code: string, env: Env): Buffer {
  const secret = env.ACCESS_SECRET?.trim() ?? "";
  return createHmac("sha256", `${TOKEN_PURPOSE}\u0000${secret}`).update(code).digest();
}

function signature(key: Buffer, body: string): string {
  return createHmac("sha256", key).update(body).digest("base64url");
}

/** A new cookie value for one sign-in: valid for 30 days from `now`. */
export function issueAccessToken(env: Env = process.env, now = Date.now()): string {
  const code = configuredAccessCode(env);
  if (!code) throw new Error("issueAccessToken: ACCESS_CODE is not set");
  const key = signingKey(code, env);
  const expires = (Math.floor(now / 1000) + TOKEN_TTL_S).toString(36);
  const body = `${expires}.${randomBytes(16).toString("base64url")}`;
  return `${body}.${signature(key, body)}`;
}

function validToken(token: string, key: Buffer, now: number): boolean {
  const match = TOKEN.exec(token);
  if (!match) return false;
  const [, expires = "", nonce = "", given = ""] = match;
  const expected = signature(key, `${expires}.${nonce}`);
  // Both are 43 characters of base64url (the pattern above), so the comparison runs whole.
  if (!timingSafeEqual(Buffer.from(given), Buffer.from(expected))) return false;
  return Number.parseInt(expires, 36) * 1000 > now;
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

export function checkAccess(headers: HeaderSource, env: Env = process.env, now = Date.now()): Access {
  // Accounts mode (PROTOCOL.md section 14): granted to an active account the proxy found.
  if (isAccountsMode(env)) return activeAccountOf(headers, env) ? "granted" : "missing";
  const expected = configuredAccessCode(env);
  if (!expected) return "open";
  const bearer = bearerOf(headers);
  if (bearer !== undefined) return sameSecret(bearer, expected) ? "granted" : "wrong";
  const cookie = cookieOf(headers);
  return cookie !== undefined && validToken(cookie, signingKey(expected, env), now) ? "granted" : "missing";
}

export const SIGN_IN_FIRST =
  "Sign in first: this server has accounts. Browsers sign in at /sign-in; scripts will use a personal API key.";

export function unauthorized(message?: string): Response {
  return jsonError(
    "unauthorized",
    message ??
      (isAccountsMode()
        ? SIGN_IN_FIRST
        : "This server needs its access code: send Authorization: Bearer <ACCESS_CODE>."),
    { "WWW-Authenticate": 'Bearer realm="deepseek-chat"', "Cache-Control": "no-store" },
  );
}

/** A 401 response when the request lacks the access code, else undefined. */
export function requireAccessCode(request: Request, env: Env = process.env): Response | undefined {
  return refuseAccess(checkAccess(request.headers, env));
}

/** The same, for a request whose access was checked already (the cookie's HMAC once a request). */
export function refuseAccess(access: Access): Response | undefined {
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

/** The Set-Cookie value for a token from issueAccessToken. */
export function accessCookie(token: string, secure: boolean): string {
  return `${ACCESS_COOKIE}=${token}; ${cookieAttributes(secure, TOKEN_TTL_S)}`;
}

export function clearedAccessCookie(secure: boolean): string {
  return `${ACCESS_COOKIE}=; ${cookieAttributes(secure, 0)}`;
}
