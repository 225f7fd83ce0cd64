import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppServer, startApp } from "../../lib/testing/app-server";
import { type RedisServer, redisUnavailable, startRedisServer } from "../../lib/testing/redis-server";
import {
  closedUpstreamRequest,
  frameEvent,
  nonce,
  readFrames,
  TOOL_ROUND_TRIP,
  upstreamRequests,
} from "../../lib/testing/sse-client";
import { TEST_ENV } from "./global-setup";

// PROTOCOL.md section 8 across instances: two `next start` processes sharing one local
// redis-server, as two Node machines (or two Vercel functions) behind one address would.

const upstream = inject("upstreamUrl");
const unavailable = redisUnavailable();
if (unavailable) console.warn(`[resume-redis.test] ${unavailable}`);

const LIMIT_PER_MIN = 4;
const RUNS_PER_CLIENT = 2;

describe.skipIf(unavailable !== undefined)("two instances sharing Redis", () => {
  let redis: RedisServer;
  let a: AppServer;
  let b: AppServer;
  let client = 0;
  // Every request but the rate-limit test's comes from an address of its own, with its own bucket.
  const from = () => ({ "x-forwarded-for": `10.8.${(client >> 8) & 255}.${client++ & 255}` });

  beforeAll(async () => {
    redis = await startRedisServer();
    const env = {
      ...TEST_ENV,
      DEEPSEEK_BASE_URL: upstream,
      REDIS_URL: redis.url,
      RATE_LIMIT_PER_MIN: String(LIMIT_PER_MIN),
      RESUME_MAX_RUNS_PER_CLIENT: String(RUNS_PER_CLIENT),
      TRUST_PROXY: "1",
    };
    [a, b] = await Promise.all([startApp(env), startApp(env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await redis?.close();
  });

  const start = (app: AppServer, prompt: string) =>
    fetch(`${app.url}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json", ...from() },
      body: JSON.stringify({ prompt, resumable: true }),
    });

  it("starts on A, drops, re-attaches on B, and gets the complete answer", async () => {
    const marker = nonce();
    const first = await start(a, `[[scenario:{"name":"tool","delayMs":8}]] ${marker}`);
    const id = first.headers.get("x-stream-id") ?? "";
    const seen = await readFrames(first, { limit: 3 });
    const rest = await readFrames(
      await fetch(`${b.url}/api/chat/${id}`, {
        headers: { "Last-Event-ID": String(seen.lastId), ...from() },
      }),
    );
    expect(rest.done).toBe(true);
    const whole = [...seen.frames, ...rest.frames];
    const names = whole.map((frame) => frameEvent(frame).event).filter((name, i, all) => name !== all[i - 1]);
    expect(names).toEqual([...TOOL_ROUND_TRIP, "done"]);
    // Both instances replay the same bytes.
    const [onA, onB] = await Promise.all(
      [a, b].map(
        async (app) =>
          (await readFrames(await fetch(`${app.url}/api/chat/${id}`, { headers: from() }))).frames,
      ),
    );
    expect(onA).toEqual(whole);
    expect(onB).toEqual(whole);
    expect(await upstreamRequests(upstream, marker)).toHaveLength(2);
  });

  it("stops a run on A from a DELETE on B within a second", async () => {
    const marker = nonce();
    const first = await start(a, `[[scenario:slow]] ${marker}`);
    const id = first.headers.get("x-stream-id") ?? "";
    await readFrames(first, { limit: 2 });
    const follower = fetch(`${b.url}/api/chat/${id}`, { headers: from() });
    const deletedAt = Date.now();
    const deleted = await fetch(`${b.url}/api/chat/${id}`, { method: "DELETE", headers: from() });
    expect(deleted.status).toBe(202);
    const followed = await readFrames(await follower);
    expect(frameEvent(followed.frames.at(-2) ?? "")).toMatchObject({
      event: "end",
      data: { finish_reason: "cancelled" },
    });
    const request = await closedUpstreamRequest(upstream, marker, Date.now() + 2_000);
    expect((request?.closedAt ?? Infinity) - deletedAt).toBeLessThan(1_000);
  });

  it("counts one client's live runs across both instances", async () => {
    // Keep-alives for 100 s: live until stopped.
    const live = () => `[[scenario:{"name":"keepalive","count":2000,"intervalMs":50}]] ${nonce()}`;
    const me = { "content-type": "application/json", "x-forwarded-for": "10.9.7.7" };
    const post = (app: AppServer, headers: Record<string, string>) =>
      fetch(`${app.url}/api/chat`, {
        method: "POST",
        headers,
        body: JSON.stringify({ prompt: live(), resumable: true }),
      });
    const started: [AppServer, Response][] = [];
    for (const app of [a, b].slice(0, RUNS_PER_CLIENT)) started.push([app, await post(app, me)]);
    expect(started.map(([, response]) => response.status)).toEqual([200, 200]);
    for (const app of [a, b]) {
      const refused = await post(app, me);
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
        "too_many_client_streams",
      );
    }
    const other = await post(b, { "content-type": "application/json", ...from() });
    expect(other.status).toBe(200);
    started.push([b, other]);
    for (const [app, response] of started) {
      await response.body?.cancel();
      const id = response.headers.get("x-stream-id");
      expect((await fetch(`${app.url}/api/chat/${id}`, { method: "DELETE", headers: from() })).status).toBe(
        202,
      );
    }
  });

  it("counts one rate limit across both instances", async () => {
    const headers = { "content-type": "application/json", "x-forwarded-for": "10.9.9.9" };
    const ask = (app: AppServer) =>
      fetch(`${app.url}/api/chat`, {
        method: "POST",
        headers,
        body: JSON.stringify({ prompt: `hi ${nonce()}`, stream: false }),
      });
    for (const app of [a, b, a, b]) expect((await ask(app)).status).toBe(200);
    const refused = await ask(a);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await ask(b)).status).toBe(429);
  });
});
