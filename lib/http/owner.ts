import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { activeAccountOf } from "@/lib/auth/request-account";
import { type Access, bearerOf, checkAccess, type HeaderSource } from "./access-code";
import { isAccountsMode } from "./auth-mode";

// Who owns a request's history (PROTOCOL.md section 10). Without ACCESS_CODE a personal install
// has one owner, "local". With it each browser is its own owner: a random key in an `owner_key`
// cookie of its own, so that a new access code or an expired access cookie orphans nothing. In
// accounts mode (AUTH_SECRET) the owner is the signed-in, active user's id. The
// database keeps sha256(key), never the key. Bearer clients have no cookies and no history.
//
// The cookie's value is `<key>.<expiry>`: a server cannot read a cookie's Max-Age, and the expiry
// tells it when to renew (under 200 days left). It is a hint, not a secret: the owner is the key.

type Env = Record<string, string | undefined>;

export const LOCAL_OWNER = "local";
const OWNER_COOKIE = "owner_key";
const DAY_S = 24 * 60 * 60;
const MAX_AGE_S = 400 * DAY_S;
const RENEW_BELOW_S = 200 * DAY_S;
const VALUE = /^([\w-]{43})(?:\.([0-9a-z]{1,11}))?$/;

interface OwnerCookie {
  key: string;
  /** Seconds since the epoch; undefined when the value carries none. */
  expiresS: number | undefined;
}

function ownerCookieOf(headers: HeaderSource): OwnerCookie | undefined {
  const raw = (headers.get("cookie") ?? "").match(/(?:^|;\s*)owner_key=([^;]*)/)?.[1];
  const match = raw ? VALUE.exec(raw) : null;
  if (!match?.[1]) return undefined;
  return { key: match[1], expiresS: match[2] === undefined ? undefined : Number.parseInt(match[2], 36) };
}

export function ownerIdOfKey(key: string): string {
  return createHash("sha256").update(key).digest("base64url");
}

/** The owner of a request that passed the access check, or undefined: a Bearer client, or no key yet. */
export function ownerOf(headers: HeaderSource, env: Env = process.env): string | undefined {
  return ownerFor(headers, checkAccess(headers, env), env);
}

/** The same, for a request whose access was checked already. */
export function ownerFor(headers: HeaderSource, access: Access, env: Env = process.env): string | undefined {
  if (isAccountsMode(env)) return access === "granted" ? activeAccountOf(headers, env)?.id : undefined;
  if (access === "open") return LOCAL_OWNER;
  if (access !== "granted" || bearerOf(headers) !== undefined) return undefined;
  const cookie = ownerCookieOf(headers);
  return cookie && ownerIdOfKey(cookie.key);
}

export interface OwnerKeyGrant {
  /** `owner_key=<value>`, for the request's own Cookie header, so the route it reaches sees it. */
  requestCookie: string;
  setCookie: string;
}

/**
 * A browser signed in (or signing in: `signingIn`) that has no owner key, or one with under 200 days
 * left, gets one (the same key, renewed). Nothing in the open mode or for a Bearer client.
 */
export function grantOwnerKey(
  headers: HeaderSource,
  secure: boolean,
  env: Env = process.env,
  options: { signingIn?: boolean; nowMs?: number; access?: Access } = {},
): OwnerKeyGrant | undefined {
  if (bearerOf(headers) !== undefined || isAccountsMode(env)) return undefined;
  if (!options.signingIn && (options.access ?? checkAccess(headers, env)) !== "granted") return undefined;
  const nowS = Math.floor((options.nowMs ?? Date.now()) / 1000);
  const held = ownerCookieOf(headers);
  if (held?.expiresS !== undefined && held.expiresS - nowS >= RENEW_BELOW_S) return undefined;
  const key = held?.key ?? randomBytes(32).toString("base64url");
  const value = `${key}.${(nowS + MAX_AGE_S).toString(36)}`;
  return {
    requestCookie: `${OWNER_COOKIE}=${value}`,
    setCookie: `${OWNER_COOKIE}=${value}; Path=/; Max-Age=${MAX_AGE_S}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`,
  };
}

/** The request's Cookie header with the owner key in it (replacing any malformed one). */
export function withOwnerCookie(cookieHeader: string | null, grant: OwnerKeyGrant): string {
  const others = (cookieHeader ?? "")
    .split(/;\s*/)
    .filter((pair) => pair !== "" && !pair.startsWith(`${OWNER_COOKIE}=`));
  return [...others, grant.requestCookie].join("; ");
}
