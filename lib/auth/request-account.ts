import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { configuredAuthSecret } from "@/lib/http/auth-mode";
import type { AccountRole, AccountStatus } from "@/lib/store/auth-schema";

// Who is signed in, looked up once per request: proxy.ts reads the session (one query, session
// joined with its user) and hands the answer to the page or route it lets through in a request
// header of its own, signed with a key drawn from AUTH_SECRET. A client's own copy of the header
// is dropped by the proxy, and one that reached a route some other way would not verify: routes
// trust only what the proxy wrote.

type Env = Record<string, string | undefined>;
type HeaderSource = { get(name: string): string | null };

export const ACCOUNT_HEADER = "x-chat-account";

export interface RequestAccount {
  id: string;
  email: string;
  name: string;
  role: AccountRole;
  status: AccountStatus;
  /**
   * How the request proved it: a session cookie, or a personal API key (`Authorization: Bearer
   * dsk_…`), which opens the chat, MCP and history APIs only, never a page or the account's own.
   */
  via: "session" | "key";
}

const ROLES: readonly string[] = ["admin", "user"];
const STATUSES: readonly string[] = ["pending", "active", "disabled"];
const VIAS: readonly string[] = ["session", "key"];

function isRequestAccount(value: unknown): value is RequestAccount {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.id === "string" &&
    typeof record.email === "string" &&
    typeof record.name === "string" &&
    typeof record.role === "string" &&
    ROLES.includes(record.role) &&
    typeof record.status === "string" &&
    STATUSES.includes(record.status) &&
    typeof record.via === "string" &&
    VIAS.includes(record.via)
  );
}

/** Reads a session's user as the library returns it (its extra fields typed loosely), or a key's. */
export function toRequestAccount(
  user: Record<string, unknown>,
  via: RequestAccount["via"] = "session",
): RequestAccount | undefined {
  const account = {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    status: user.status,
    via,
  };
  return isRequestAccount(account) ? account : undefined;
}

function headerKey(env: Env): Buffer | undefined {
  const secret = configuredAuthSecret(env);
  return secret
    ? createHmac("sha256", secret).update("deepseek-chat:request-account:v1").digest()
    : undefined;
}

function sign(key: Buffer, body: string): string {
  return createHmac("sha256", key).update(body).digest("base64url");
}

export function accountHeaderValue(account: RequestAccount, env: Env = process.env): string {
  const key = headerKey(env);
  if (!key) throw new Error("accountHeaderValue: AUTH_SECRET is not set");
  const body = Buffer.from(JSON.stringify(account)).toString("base64url");
  return `${body}.${sign(key, body)}`;
}

/** The account the proxy found for this request, or undefined (signed out, or not through it). */
export function accountOf(headers: HeaderSource, env: Env = process.env): RequestAccount | undefined {
  const key = headerKey(env);
  const value = headers.get(ACCOUNT_HEADER);
  if (!key || !value) return undefined;
  const [body = "", given = ""] = value.split(".");
  const expected = sign(key, body);
  if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
    return isRequestAccount(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The same, only for an account that may use the app (an admin approved it, none disabled it):
 * through a session or an API key, for the APIs a key opens.
 */
export function activeAccountOf(headers: HeaderSource, env: Env = process.env): RequestAccount | undefined {
  const account = accountOf(headers, env);
  return account?.status === "active" ? account : undefined;
}

/** An active account signed in with a session: for pages and the account's own APIs, never a key. */
export function signedInAccountOf(headers: HeaderSource, env: Env = process.env): RequestAccount | undefined {
  const account = activeAccountOf(headers, env);
  return account?.via === "session" ? account : undefined;
}
