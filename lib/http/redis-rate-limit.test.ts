import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type RedisServer, redisUnavailable, startRedisServer } from "@/lib/testing/redis-server";
import { RedisRateLimitStore } from "./redis-rate-limit";

const unavailable = redisUnavailable();
if (unavailable) console.warn(`[redis-rate-limit.test] ${unavailable}`);

describe.skipIf(unavailable !== undefined)("RedisRateLimitStore", () => {
  let server: RedisServer;
  let redis: Redis;
  const rule = { perMinute: 3 };

  beforeAll(async () => {
    server = await startRedisServer();
    redis = new Redis(server.url);
  });
  afterAll(async () => {
    redis?.disconnect();
    await server?.close();
  });

  it("allows a burst of the limit, then refuses with the seconds until the next token", async () => {
    const store = new RedisRateLimitStore(redis, `t${Date.now()}`);
    for (const remaining of [2, 1, 0]) {
      expect(await store.take("a", rule)).toEqual({ allowed: true, remaining, retryAfterS: 0 });
    }
    const refused = await store.take("a", rule);
    expect(refused).toMatchObject({ allowed: false, remaining: 0 });
    // 20 s per token at 3 a minute; a little has refilled since the burst began.
    expect(refused.retryAfterS).toBeGreaterThanOrEqual(19);
    expect(refused.retryAfterS).toBeLessThanOrEqual(20);
    expect(await store.take("b", rule)).toMatchObject({ allowed: true, remaining: 2 });
  });

  it("shares one bucket between instances", async () => {
    const prefix = `shared${Date.now()}`;
    const other = new Redis(server.url);
    const a = new RedisRateLimitStore(redis, prefix);
    const b = new RedisRateLimitStore(other, prefix);
    expect(await a.take("c", rule)).toMatchObject({ allowed: true, remaining: 2 });
    expect(await b.take("c", rule)).toMatchObject({ allowed: true, remaining: 1 });
    expect(await a.take("c", rule, 0)).toMatchObject({ allowed: true, remaining: 1 });
    expect(await b.take("c", rule)).toMatchObject({ allowed: true, remaining: 0 });
    expect(await a.take("c", rule)).toMatchObject({ allowed: false });
    other.disconnect();
  });

  it("remembers a key for its time, across instances", async () => {
    const prefix = `noted${Date.now()}`;
    const other = new Redis(server.url);
    const a = new RedisRateLimitStore(redis, prefix);
    const b = new RedisRateLimitStore(other, prefix);
    expect(await b.remembers("client")).toBe(false);
    await a.remember("client", 60_000);
    expect(await b.remembers("client")).toBe(true);
    await a.remember("brief", 50);
    await vi.waitFor(async () => expect(await b.remembers("brief")).toBe(false), { timeout: 2_000 });
    other.disconnect();
  });

  it("lets requests through, with one warning, when Redis does not answer", async () => {
    const down = new Redis("redis://127.0.0.1:1", {
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      lazyConnect: true,
    });
    down.on("error", () => {});
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const store = new RedisRateLimitStore(down);
    expect(await store.take("d", rule)).toEqual({ allowed: true, remaining: 3, retryAfterS: 0 });
    expect(await store.take("d", rule)).toMatchObject({ allowed: true });
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
    down.disconnect();
  });
});
