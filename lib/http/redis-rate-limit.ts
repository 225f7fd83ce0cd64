import type { Redis } from "ioredis";
import type { RateLimitDecision, RateLimitRule, RateLimitStore } from "./rate-limit";

// The token buckets of rate-limit.ts in Redis, so that every instance behind a load balancer (or
// every Vercel function) counts against the same limit. One Lua script makes refill-and-take
// atomic, on Redis's clock. When Redis does not answer, requests pass: a broken limiter must not
// take the app down with it.

const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local per = tonumber(ARGV[1])
local cost = tonumber(ARGV[2])
local perMs = per / 60000
local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = per
if bucket[1] then tokens = math.min(per, tonumber(bucket[1]) + (now - tonumber(bucket[2])) * perMs) end
local need = math.max(cost, 1)
local allowed = tokens >= need
local left = tokens
if allowed then left = tokens - cost end
redis.call('HSET', KEYS[1], 'tokens', tostring(left), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], 61000)
local retry = 0
if not allowed then retry = math.max(1, math.ceil((need - left) / perMs / 1000)) end
return {allowed and 1 or 0, math.floor(left), retry}
`;

export class RedisRateLimitStore implements RateLimitStore {
  readonly #redis: Redis;
  readonly #prefix: string;
  #warned = false;

  constructor(redis: Redis, prefix = "ratelimit") {
    this.#redis = redis;
    this.#prefix = prefix;
  }

  async take(key: string, rule: RateLimitRule, cost = 1): Promise<RateLimitDecision> {
    try {
      const [allowed, remaining, retryAfterS] = (await this.#redis.eval(
        TAKE,
        1,
        `${this.#prefix}:${key}`,
        rule.perMinute,
        cost,
      )) as [number, number, number];
      this.#warned = false;
      return { allowed: allowed === 1, remaining, retryAfterS };
    } catch (error) {
      if (!this.#warned) {
        this.#warned = true;
        console.warn(
          `[rate-limit] Redis did not answer, letting requests through: ${(error as Error).message}`,
        );
      }
      return { allowed: true, remaining: rule.perMinute, retryAfterS: 0 };
    }
  }

  async remember(key: string, ttlMs: number): Promise<void> {
    await this.#redis.set(`${this.#prefix}:${key}`, "1", "PX", ttlMs).catch(() => {});
  }

  async remembers(key: string): Promise<boolean> {
    // Redis away: nobody is known, and the limits it backs let everyone through anyway (take()).
    return (await this.#redis.exists(`${this.#prefix}:${key}`).catch(() => 0)) === 1;
  }
}
