import { getRedis } from "@/lib/redis";
import { RedisRateLimitStore } from "./redis-rate-limit";

// A token bucket per client key: `perMinute` tokens at most, refilled evenly over a minute, so a
// client may burst up to the limit and then goes at the limit's pace. The buckets live behind
// RateLimitStore: in memory by default (with several instances, each limits on its own), in Redis
// (redis-rate-limit.ts) when REDIS_URL is set, so that all instances share one limit.

type Env = Record<string, string | undefined>;

const DEFAULT_RATE_LIMIT_PER_MIN = 30;

export interface RateLimitRule {
  /** Bucket size and refill per minute. */
  perMinute: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** Whole tokens left after this call. */
  remaining: number;
  /** When refused: seconds until one token is back (what Retry-After says). */
  retryAfterS: number;
}

export interface RateLimitStore {
  /**
   * Takes `cost` tokens from `key`'s bucket if it holds that many, atomically. `cost: 0` only looks:
   * allowed while at least one token is left.
   */
  take(key: string, rule: RateLimitRule, cost?: number): Promise<RateLimitDecision>;
  /** Notes `key` for `ttlMs` (a client that signed in: sign-in-guard.ts). */
  remember(key: string, ttlMs: number): Promise<void>;
  /** Whether `key` was noted and has not expired since. */
  remembers(key: string): Promise<boolean>;
}

/** RATE_LIMIT_PER_MIN: a whole number of requests per minute and client; 0 turns limits off. */
export function rateLimitRule(env: Env = process.env): RateLimitRule | undefined {
  const raw = env.RATE_LIMIT_PER_MIN?.trim();
  const value = raw ? Number(raw) : DEFAULT_RATE_LIMIT_PER_MIN;
  const perMinute = Number.isFinite(value) && value >= 0 ? Math.floor(value) : DEFAULT_RATE_LIMIT_PER_MIN;
  return perMinute > 0 ? { perMinute } : undefined;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Buckets in this process's memory, at most `maxKeys` of them: the least recently used go first.
 * Losing a bucket only forgives its client, and a bucket untouched for a minute is full anyway.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #buckets = new Map<string, Bucket>();
  /** Noted keys and when each expires; the same bound and eviction order as the buckets. */
  readonly #noted = new Map<string, number>();
  readonly #maxKeys: number;
  readonly #now: () => number;

  constructor(maxKeys = 10_000, now: () => number = Date.now) {
    this.#maxKeys = maxKeys;
    this.#now = now;
  }

  get size(): number {
    return this.#buckets.size;
  }

  async take(key: string, rule: RateLimitRule, cost = 1): Promise<RateLimitDecision> {
    const now = this.#now();
    const perMs = rule.perMinute / 60_000;
    const previous = this.#buckets.get(key);
    const tokens = previous
      ? Math.min(rule.perMinute, previous.tokens + (now - previous.at) * perMs)
      : rule.perMinute;
    const allowed = tokens >= Math.max(cost, 1);
    const left = allowed ? tokens - cost : tokens;
    // Re-inserting moves the key to the end: the Map's order is the eviction order.
    this.#buckets.delete(key);
    this.#buckets.set(key, { tokens: left, at: now });
    while (this.#buckets.size > this.#maxKeys) {
      const oldest = this.#buckets.keys().next().value;
      if (oldest === undefined) break;
      this.#buckets.delete(oldest);
    }
    return {
      allowed,
      remaining: Math.floor(left),
      retryAfterS: allowed ? 0 : Math.max(1, Math.ceil((Math.max(cost, 1) - left) / perMs / 1000)),
    };
  }

  async remember(key: string, ttlMs: number): Promise<void> {
    this.#noted.delete(key);
    this.#noted.set(key, this.#now() + ttlMs);
    while (this.#noted.size > this.#maxKeys) {
      const oldest = this.#noted.keys().next().value;
      if (oldest === undefined) break;
      this.#noted.delete(oldest);
    }
  }

  async remembers(key: string): Promise<boolean> {
    const expires = this.#noted.get(key);
    if (expires === undefined) return false;
    if (expires > this.#now()) return true;
    this.#noted.delete(key);
    return false;
  }
}

const holder = globalThis as typeof globalThis & { __rateLimitStore?: RateLimitStore };

/** The process's store: in Redis when REDIS_URL is set (one limit across instances), else in memory. */
export function rateLimitStore(): RateLimitStore {
  if (!holder.__rateLimitStore) {
    const redis = getRedis();
    holder.__rateLimitStore = redis ? new RedisRateLimitStore(redis) : new MemoryRateLimitStore();
  }
  return holder.__rateLimitStore;
}
