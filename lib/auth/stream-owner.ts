import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { configuredAuthSecret, isAccountsMode } from "@/lib/http/auth-mode";
import { newStreamId } from "@/lib/resume/detached-run";
import { activeAccountOf } from "./request-account";

// In accounts mode a resumable answer's stream id (PROTOCOL.md section 8) carries its owner: 144
// random bits, then a 128-bit tag over them and the user's id, keyed from AUTH_SECRET. Re-attaching
// to or stopping a stream checks the tag against whoever asks, so another user's id answers 404
// exactly as an unknown one, on every instance, with nothing more kept in the stream store.

type Env = Record<string, string | undefined>;

const RANDOM_LENGTH = 24;
const TAG_LENGTH = 22;

function tag(secret: string, userId: string, random: string): string {
  return createHmac("sha256", secret)
    .update(`deepseek-chat:stream-owner:v1\u0000${userId}\u0000${random}`)
    .digest("base64url")
    .slice(0, TAG_LENGTH);
}

export function ownedStreamId(userId: string, env: Env = process.env): string {
  const secret = configuredAuthSecret(env);
  if (!secret) throw new Error("ownedStreamId: AUTH_SECRET is not set");
  const random = randomBytes(18).toString("base64url");
  return `${random}${tag(secret, userId, random)}`;
}

export function isOwnedStream(id: string, userId: string, env: Env = process.env): boolean {
  const secret = configuredAuthSecret(env);
  if (!secret || id.length !== RANDOM_LENGTH + TAG_LENGTH) return false;
  const given = Buffer.from(id.slice(RANDOM_LENGTH));
  const expected = Buffer.from(tag(secret, userId, id.slice(0, RANDOM_LENGTH)));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

type HeaderSource = { get(name: string): string | null };

/** A new stream id for a request: tied to its account in accounts mode, plain random otherwise. */
export function streamIdFor(headers: HeaderSource, env: Env = process.env): string {
  const account = isAccountsMode(env) ? activeAccountOf(headers, env) : undefined;
  return account ? ownedStreamId(account.id, env) : newStreamId();
}

/**
 * Who a stream counts against (the stream store's per-owner cap): the account in accounts mode,
 * so a household behind one address shares no cap; else the client's network key.
 */
export function streamOwnerKey(headers: HeaderSource, client: string, env: Env = process.env): string {
  const account = isAccountsMode(env) ? activeAccountOf(headers, env) : undefined;
  return account ? `user:${account.id}` : client;
}

/** Whether this request may read or stop stream `id`: in accounts mode only its owner may. */
export function maySeeStream(id: string, headers: HeaderSource, env: Env = process.env): boolean {
  if (!isAccountsMode(env)) return true;
  const account = activeAccountOf(headers, env);
  return account !== undefined && isOwnedStream(id, account.id, env);
}
