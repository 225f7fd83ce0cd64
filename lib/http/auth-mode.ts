import { storeConfig } from "@/lib/store/store-config";

// Which of the three modes this install runs in, from the environment alone: `accounts` when
// AUTH_SECRET is set (each person signs in, PROTOCOL.md section 14), else `access-code` with
// ACCESS_CODE, else `open` (a personal install). Free of server-only imports: the production
// server (server.ts) reads it before Next starts, to refuse a mode it cannot serve.

type Env = Record<string, string | undefined>;

export type AuthMode = "open" | "access-code" | "accounts";

/** Better Auth signs cookies with at least 32 characters; a shorter secret is a mistake to say. */
export const MIN_AUTH_SECRET_LENGTH = 32;

export function configuredAuthSecret(env: Env = process.env): string | undefined {
  return env.AUTH_SECRET?.trim() || undefined;
}

export function authMode(env: Env = process.env): AuthMode {
  if (configuredAuthSecret(env)) return "accounts";
  return env.ACCESS_CODE?.trim() ? "access-code" : "open";
}

export function isAccountsMode(env: Env = process.env): boolean {
  return authMode(env) === "accounts";
}

/**
 * Why accounts mode cannot run here, in words that name the fix, or undefined when it can (or is
 * off). Accounts live in the database: without one that lasts (Vercel without DATABASE_URL) every
 * account would vanish with the function that made it.
 */
export function accountsModeRefusal(env: Env = process.env): string | undefined {
  const secret = configuredAuthSecret(env);
  if (!secret) return undefined;
  if (!storeConfig(env)) {
    return "AUTH_SECRET turns accounts on, and accounts need a database that lasts: set DATABASE_URL to a PostgreSQL database (this deployment has no disk that outlives it), or unset AUTH_SECRET.";
  }
  if (secret.length < MIN_AUTH_SECRET_LENGTH) {
    return `AUTH_SECRET must be at least ${MIN_AUTH_SECRET_LENGTH} characters (e.g. \`openssl rand -base64 32\`).`;
  }
  return undefined;
}

/** A start-up warning when ACCESS_CODE is set but accounts mode ignores it. */
export function accountsModeWarning(env: Env = process.env): string | undefined {
  if (!isAccountsMode(env) || !env.ACCESS_CODE?.trim()) return undefined;
  return "ACCESS_CODE is set but AUTH_SECRET turns accounts on: the access code is not a credential in accounts mode and is ignored. Unset it to silence this warning.";
}
