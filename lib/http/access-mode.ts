import { isAccountsMode } from "./auth-mode";

// Whether this install asks who is there. Open (no ACCESS_CODE, no AUTH_SECRET): a personal
// install, for whoever can reach it, so it listens on loopback only unless told otherwise and
// answers only the names it is known by (allowed-hosts.ts). In accounts mode (auth-mode.ts)
// ACCESS_CODE is no credential: it reads as unset. Free of server-only imports: the production
// server (server.ts) reads it before Next starts.

type Env = Record<string, string | undefined>;

export function configuredAccessCode(env: Env = process.env): string | undefined {
  if (isAccountsMode(env)) return undefined;
  return env.ACCESS_CODE?.trim() || undefined;
}

export function isOpenMode(env: Env = process.env): boolean {
  return !isAccountsMode(env) && configuredAccessCode(env) === undefined;
}
