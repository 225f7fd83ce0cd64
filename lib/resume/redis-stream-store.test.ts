import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pollUntil } from "@/lib/testing/poll-until";
import { type RedisServer, redisUnavailable, startRedisServer } from "@/lib/testing/redis-server";
import { describeApprovalStore } from "./approval-store.contract";
import { RedisStreamStore } from "./redis-stream-store";
import { OwnerRunsFull } from "./stream-store";
import { CONTRACT_LIMITS, describeStreamStore } from "./stream-store.contract";

// Against a real redis-server (Debian's package; .ci/run installs it).

const unavailable = redisUnavailable();
if (unavailable) console.warn(`[redis-stream-store.test] ${unavailable}`);

describe.skipIf(unavailable !== undefined)("RedisStreamStore", () => {
  let server: RedisServer;
  const clients: Redis[] = [];
  const connect = () => {
    const client = new Redis(server.url);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await server?.close();
  });

  describeStreamStore(
    "RedisStreamStore",
    async (limits) => new RedisStreamStore(connect(), limits, { blockMs: 200 }),
  );

  describeApprovalStore(
    "RedisStreamStore",
    async (limits) => new RedisStreamStore(connect(), limits, { blockMs: 200 }),
  );

  it("passes a decision made on one instance to the instance running the answer", async () => {
    const a = new RedisStreamStore(connect(), CONTRACT_LIMITS, { blockMs: 200 });
    const b = new RedisStreamStore(connect(), CONTRACT_LIMITS, { blockMs: 200 });
    await a.create("asks", "me");
    const heard: string[] = [];
    await a.onDecision("asks", (call, { decision }) => heard.push(`${call} ${decision}`));
    await a.openApproval("asks", "call_1");
    expect(await b.decide("asks", "call_1", { decision: "allow" })).toEqual({ ok: true });
    expect(await b.decide("asks", "call_1", { decision: "deny" })).toMatchObject({ reason: "decided" });
    expect(
      await pollUntil(
        async () => heard,
        (list) => list.length > 0,
        Date.now() + 2_000,
      ),
    ).toEqual(["call_1 allow"]);
    await Promise.all([a.close(), b.close()]);
  });

  it("lets an instance follow and stop a stream that another instance runs", async () => {
    const a = new RedisStreamStore(connect(), CONTRACT_LIMITS, { blockMs: 200 });
    const b = new RedisStreamStore(connect(), CONTRACT_LIMITS, { blockMs: 200 });
    await a.create("shared", "me");
    let cancelled = false;
    await a.onCancel("shared", () => {
      cancelled = true;
    });
    await a.append("shared", { event: "message", data: { content: "hi" } });
    expect(await b.status("shared")).toBe("live");
    const reader = b.read("shared", 0, new AbortController().signal);
    expect((await reader.next()).value?.[0]).toMatchObject({ id: 1, event: "message" });
    expect(await b.cancel("shared")).toBe(true);
    const deadline = Date.now() + 1_000;
    while (!cancelled && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(cancelled).toBe(true);
    await reader.return();
    await Promise.all([a.close(), b.close()]);
  });

  it("tells a reader when the instance running the answer died", async () => {
    const redis = connect();
    const a = new RedisStreamStore(redis, CONTRACT_LIMITS, { blockMs: 100 });
    await a.create("orphan", "me");
    await a.append("orphan", { event: "message", data: { content: "hi" } });
    await a.close(); // stops its heartbeat, as a crash would
    await redis.del("chat:alive:orphan");
    const b = new RedisStreamStore(connect(), CONTRACT_LIMITS, { blockMs: 100 });
    const items = [];
    for await (const batch of b.read("orphan", 0, new AbortController().signal)) items.push(...batch);
    expect(items).toEqual([
      { id: 1, event: "message", data: '{"content":"hi"}' },
      { gone: "lost", firstKept: 1 },
    ]);
    await b.close();
  });

  it("keeps an owner's run counted across instances while its instance beats, and frees it when that instance dies", async () => {
    const redis = connect();
    const limits = { ...CONTRACT_LIMITS, maxRunsPerOwner: 1 };
    const a = new RedisStreamStore(redis, limits, { aliveMs: 300 });
    const b = new RedisStreamStore(connect(), limits, { aliveMs: 300 });
    await a.create("beating", "owner-x");
    const firstExpiry = Number(await redis.zscore("chat:runs:owner-x", "beating"));
    // Past the expiry it was created with: only A's beats keep it counted.
    const redisNow = async () => {
      const [seconds, micros] = await redis.time();
      return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    };
    expect(await pollUntil(redisNow, (now) => now > firstExpiry + 100, Date.now() + 5_000)).toBeGreaterThan(
      firstExpiry,
    );
    await expect(b.create("second", "owner-x")).rejects.toBeInstanceOf(OwnerRunsFull);
    await a.close(); // stops its beats without finishing, as a crash would
    const opened = await pollUntil(
      () =>
        b.create("third", "owner-x").then(
          () => true,
          () => false,
        ),
      (ok) => ok,
      Date.now() + 5_000,
    );
    expect(opened).toBe(true);
    await b.close();
  });

  it("replays a finished answer on the shared connection: readers that stop reading hold no connection of their own", async () => {
    const redis = connect();
    const store = new RedisStreamStore(redis, CONTRACT_LIMITS, { blockMs: 200 });
    await store.create("replayed", "me");
    for (let n = 0; n < 200; n++)
      await store.append("replayed", { event: "message", data: { content: `${n}` } });
    await store.finish("replayed");
    const clients = async () =>
      String(await redis.client("LIST"))
        .trim()
        .split("\n").length;
    const before = await clients();
    const readers = Array.from({ length: 10 }, () => store.read("replayed", 0, new AbortController().signal));
    for (const reader of readers) expect((await reader.next()).value?.[0]).toMatchObject({ id: 1 });
    expect(await clients()).toBe(before);
    for (const reader of readers) await reader.return();
    await store.close();
  });

  it("gives a reader the run's last events when the run ends between the reader's read and its status check", async () => {
    const a = new RedisStreamStore(connect(), CONTRACT_LIMITS, { blockMs: 200 });
    await a.create("racing", "me");
    await a.append("racing", { event: "message", data: { content: "hi" } });
    // The reader's connection, with the run's last append and finish slipped in just before the
    // reader asks for the status: after its read found nothing new.
    const plain = connect();
    let slipped = false;
    const raced = new Proxy(plain, {
      get(target, name, receiver) {
        if (name !== "multi") return Reflect.get(target, name, receiver);
        return () => {
          const batch = target.multi();
          const exec = batch.exec.bind(batch);
          return Object.assign(batch, {
            exec: async () => {
              if (!slipped) {
                slipped = true;
                await a.append("racing", { event: "end", data: { finish_reason: "stop", stats: STATS } });
                await a.finish("racing");
              }
              return exec();
            },
          });
        };
      },
    });
    const b = new RedisStreamStore(raced, CONTRACT_LIMITS, { blockMs: 200 });
    const items = [];
    for await (const batch of b.read("racing", 0, new AbortController().signal)) items.push(...batch);
    expect(slipped).toBe(true);
    expect(items.map((item) => ("id" in item ? item.event : item.gone))).toEqual(["message", "end"]);
    await Promise.all([a.close(), b.close()]);
  });
});

const STATS = {
  tool_calls: 0,
  tool_results: 0,
  tokens: { prompt: 0, completion: 0, total: 0 },
  timing_ms: { first_byte: null, total: 0 },
};
