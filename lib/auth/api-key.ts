import "server-only";
import { createHash, randomBytes } from "node:crypto";

// Personal API keys (PROTOCOL.md section 15): `dsk_` and 256 random bits in base64url. The prefix
// tells people (and secret scanners) what a leaked string is; the database keeps only sha256 of the
// whole key, which is enough for a key this random (nothing to brute-force, no salt to need), and
// lets one indexed lookup find it. The first characters after the prefix are kept in the clear
// so the list can tell keys apart.

export const API_KEY_PREFIX = "dsk_";
/** How many characters of a key its list entry shows (the prefix and 6 more). */
export const API_KEY_START_LENGTH = API_KEY_PREFIX.length + 6;
/** At most this many live keys per account. */
export const API_KEY_LIMIT = 20;
export const API_KEY_NAME_MAX = 60;

const KEY = /^dsk_[A-Za-z0-9_-]{43}$/;

export function newApiKey(): string {
  return `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
}

export function isApiKeyFormat(value: string): boolean {
  return KEY.test(value);
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function apiKeyStart(key: string): string {
  return key.slice(0, API_KEY_START_LENGTH);
}

type HeaderSource = { get(name: string): string | null };

/**
 * What the Authorization header holds: nothing, an API key, or a Bearer value that is not one
 * (an access code, a typo, a truncated paste).
 */
export type PresentedKey = { kind: "none" } | { kind: "key"; key: string } | { kind: "malformed" };

export function presentedKey(headers: HeaderSource): PresentedKey {
  const header = headers.get("authorization");
  if (header === null) return { kind: "none" };
  const bearer = header.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  return bearer !== undefined && isApiKeyFormat(bearer)
    ? { kind: "key", key: bearer }
    : { kind: "malformed" };
}

/** A key's name as given: trimmed, one line, at most API_KEY_NAME_MAX characters; undefined when empty. */
export function apiKeyName(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const name = value.replace(/\s+/g, " ").trim().slice(0, API_KEY_NAME_MAX);
  return name === "" ? undefined : name;
}
