import type { RateLimitDecision, RateLimitRule, RateLimitStore } from "./rate-limit";
import { jsonError } from "./responses";

// The per-client limit stops one guesser; a guesser with many addresses (a botnet, an IPv6 range)
// has a bucket per address. So every wrong access code, from anyone, also spends one server-wide
// bucket of ten clients' worth (10 × RATE_LIMIT_PER_MIN a minute). While it is empty no new
// sign-in is checked at all, right or wrong, so the answer tells a guesser nothing — except from a
// client that has signed in before: the owner's browsers and scripts are never locked out by
// someone else's guessing, and anyone else waits at most a minute after the guessing stops.

const FAILURES = "signin:failures";
const KNOWN_MS = 30 * 24 * 60 * 60 * 1000;
/** The server-wide bucket holds this many clients' worth of wrong codes. */
const SERVER_WIDE_CLIENTS = 10;

const serverWide = (rule: RateLimitRule): RateLimitRule => ({
  perMinute: rule.perMinute * SERVER_WIDE_CLIENTS,
});
const knownKey = (client: string) => `signin:known:${client}`;

/** A refusal while sign-ins are paused server-wide and `client` has not signed in before. */
export async function signInsPaused(
  client: string,
  rule: RateLimitRule,
  store: RateLimitStore,
): Promise<RateLimitDecision | undefined> {
  const decision = await store.take(FAILURES, serverWide(rule), 0);
  if (decision.allowed || (await store.remembers(knownKey(client)))) return undefined;
  return decision;
}

/** After a code was checked: a wrong one spends the server-wide bucket, a right one is remembered. */
export async function recordSignIn(
  client: string,
  ok: boolean,
  rule: RateLimitRule,
  store: RateLimitStore,
): Promise<void> {
  if (ok) await store.remember(knownKey(client), KNOWN_MS);
  else await store.take(FAILURES, serverWide(rule), 1);
}

export function rateLimited(decision: RateLimitDecision): Response {
  const seconds = String(decision.retryAfterS);
  return jsonError("rate_limited", `Too many requests: try again in ${seconds} s.`, {
    "Retry-After": seconds,
    "Cache-Control": "no-store",
  });
}

/**
 * The limits of one access-code attempt (a login, a Bearer code): the client's own bucket, which
 * it spends `cost` from, then the server-wide pause on wrong codes (sign-in-guard.ts).
 */
export async function signInRefusal(
  client: string,
  rule: RateLimitRule,
  store: RateLimitStore,
  cost: number,
): Promise<Response | undefined> {
  const decision = await store.take(`login:${client}`, rule, cost);
  if (!decision.allowed) return rateLimited(decision);
  const paused = await signInsPaused(client, rule, store);
  if (!paused) return undefined;
  const seconds = String(paused.retryAfterS);
  return jsonError("rate_limited", `Too many wrong access codes on this server: try again in ${seconds} s.`, {
    "Retry-After": seconds,
    "Cache-Control": "no-store",
  });
}
