import type { AccountRole, AccountStatus } from "./auth-schema";

// Personal API keys (PROTOCOL.md section 15): each account's own, at most a cap of live ones.
// The repository never sees a key, only its sha256 (lib/auth/api-key.ts makes both).

/** A key as its owner's list shows it. Times are milliseconds since the epoch. */
export interface ApiKeySummary {
  id: string;
  name: string;
  /** The key's first characters (`dsk_` and a few more), to tell keys apart. */
  start: string;
  createdAt: number;
  lastUsedAt: number | null;
}

export interface NewApiKey {
  name: string;
  hash: string;
  start: string;
}

export type CreateApiKeyResult =
  | { ok: true; key: ApiKeySummary }
  /** The account has `limit` live keys already. */
  | { ok: false; reason: "too_many" };

/** What a request's key finds: the key and the account it belongs to, as they are now. */
export interface ApiKeyMatch {
  keyId: string;
  revoked: boolean;
  lastUsedAt: number | null;
  user: { id: string; email: string; name: string; role: AccountRole; status: AccountStatus };
}

export interface ApiKeyRepository {
  /** Stores a new key for `userId` unless it already has `limit` live ones (checked under a lock). */
  createKey(userId: string, key: NewApiKey, limit: number): Promise<CreateApiKeyResult>;
  /** The account's live keys, newest first. */
  listKeys(userId: string): Promise<ApiKeySummary[]>;
  /** false when the key is not this account's, or was revoked already. */
  revokeKey(userId: string, keyId: string): Promise<boolean>;
  /** One indexed lookup by hash, joined with the key's account; undefined for no such key. */
  findKey(hash: string): Promise<ApiKeyMatch | undefined>;
  /** Sets last-used to `now` unless it is within `withinMs` of it already (another request did it). */
  touchKey(keyId: string, now: number, withinMs: number): Promise<void>;
}
