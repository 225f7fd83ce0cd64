import { describe, expect, it } from "vitest";
import { MemoryRateLimitStore, rateLimitRule } from "./rate-limit";

describe("rateLimitRule", () => {
  it("defaults to 30 a minute; 0 turns it off; nonsense falls back to the default", () => {
    expect(rateLimitRule({})).toEqual({ perMinute: 30 });
    expect(rateLimitRule({ RATE_LIMIT_PER_MIN: "5" })).toEqual({ perMinute: 5 });
    expect(rateLimitRule({ RATE_LIMIT_PER_MIN: "0" })).toBeUndefined();
    expect(rateLimitRule({ RATE_LIMIT_PER_MIN: "lots" })).toEqual({ perMinute: 30 });
    expect(rateLimitRule({ RATE_LIMIT_PER_MIN: "-1" })).toEqual({ perMinute: 30 });
  });
});

describe("MemoryRateLimitStore", () => {
  const rule = { perMinute: 3 };

  it("allows a burst of the limit, then refuses with the seconds until the next token", async () => {
    let now = 0;
    const store = new MemoryRateLimitStore(100, () => now);
    for (const remaining of [2, 1, 0]) {
      expect(await store.take("a", rule)).toEqual({ allowed: true, remaining, retryAfterS: 0 });
    }
    expect(await store.take("a", rule)).toEqual({ allowed: false, remaining: 0, retryAfterS: 20 });
    now = 15_000;
    expect(await store.take("a", rule)).toEqual({ allowed: false, remaining: 0, retryAfterS: 5 });
    now = 20_000;
    expect(await store.take("a", rule)).toMatchObject({ allowed: true });
    // Another key has its own bucket.
    expect(await store.take("b", rule)).toMatchObject({ allowed: true, remaining: 2 });
  });

  it("refills to the limit, never beyond", async () => {
    let now = 0;
    const store = new MemoryRateLimitStore(100, () => now);
    await store.take("a", rule);
    now = 10 * 60_000;
    expect(await store.take("a", rule)).toMatchObject({ remaining: 2 });
  });

  it("looks without spending when the cost is 0", async () => {
    const store = new MemoryRateLimitStore(100, () => 0);
    expect(await store.take("a", rule, 0)).toMatchObject({ allowed: true, remaining: 3 });
    for (let i = 0; i < 3; i++) await store.take("a", rule);
    expect(await store.take("a", rule, 0)).toMatchObject({ allowed: false, retryAfterS: 20 });
  });

  it("keeps at most maxKeys buckets, forgetting the least recently used", async () => {
    const store = new MemoryRateLimitStore(2, () => 0);
    for (let i = 0; i < 3; i++) await store.take("a", rule);
    await store.take("b", rule);
    await store.take("a", rule, 0); // touch a: b is now the oldest
    await store.take("c", rule);
    expect(store.size).toBe(2);
    expect(await store.take("a", rule, 0)).toMatchObject({ allowed: false });
    expect(await store.take("b", rule, 0)).toMatchObject({ remaining: 3 });
  });
});

describe("MemoryRateLimitStore.remember", () => {
  it("remembers a key until its time is up, and at most maxKeys of them", async () => {
    let now = 0;
    const store = new MemoryRateLimitStore(2, () => now);
    await store.remember("a", 1_000);
    expect(await store.remembers("a")).toBe(true);
    expect(await store.remembers("b")).toBe(false);
    now = 1_000;
    expect(await store.remembers("a")).toBe(false);
    await store.remember("x", 5_000);
    await store.remember("y", 5_000);
    await store.remember("z", 5_000);
    expect([await store.remembers("x"), await store.remembers("y"), await store.remembers("z")]).toEqual([
      false,
      true,
      true,
    ]);
  });
});
