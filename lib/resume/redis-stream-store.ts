import type { Redis } from "ioredis";
import type { ChatEvent } from "@/lib/protocol";
import { decideRedisApproval, openRedisApproval, parseDecisionMessage } from "./redis-approvals";
import { type RedisStreamKeys, redisRunsKey, redisStreamKeys } from "./redis-stream-keys";
import { type RedisReadConnections, readRedisStream } from "./redis-stream-reader";
import {
  type DecideResult,
  type Decision,
  eventBytes,
  OwnerRunsFull,
  type ReadBatch,
  type StreamStatus,
  type StreamStore,
  type StreamStoreLimits,
  storedEvent,
} from "./stream-store";

// Resumable streams in Redis, so that an answer started on one instance can be followed and stopped
// from any other (PROTOCOL.md section 8); the keys are laid out in redis-stream-keys.ts and read
// by redis-stream-reader.ts. Only the instance that created a stream appends to it, so it keeps
// the writer's counters itself.

const ALIVE_MS = 30_000;
/** A blocked reader wakes this often to check that the answer's instance is alive. */
const BLOCK_MS = 5_000;
/** Upper bound on a live answer's keys, should every instance die without finishing it. */
const LIVE_TTL_MS = 2 * 60 * 60 * 1000;

// Count-and-open in one step, on Redis's clock, so that instances racing for an owner's last slot
// cannot both take it. KEYS: runs, meta, alive; ARGV: id, limit, aliveMs, liveTtlMs.
// Returns 1 (opened), 0 (the id exists), -1 (the owner is at its limit).
const CREATE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local alive = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return -1 end
if redis.call('HSETNX', KEYS[2], 'status', 'live') == 0 then return 0 end
redis.call('HSET', KEYS[2], 'first', '1')
redis.call('PEXPIRE', KEYS[2], ARGV[4])
redis.call('SET', KEYS[3], '1', 'PX', alive)
redis.call('ZADD', KEYS[1], now + alive, ARGV[1])
redis.call('PEXPIRE', KEYS[1], alive)
return 1
`;

// The running instance's heartbeat. KEYS: alive, runs; ARGV: id, aliveMs. XX: a slot that already
// lapsed (the instance stalled past ALIVE_MS) is not taken back behind the owner's back.
const BEAT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('SET', KEYS[1], '1', 'PX', ARGV[2])
if redis.call('ZADD', KEYS[2], 'XX', 'CH', now + tonumber(ARGV[2]), ARGV[1]) == 1 then
  redis.call('PEXPIRE', KEYS[2], ARGV[2])
end
return 1
`;

interface Writer {
  owner: string;
  nextId: number;
  bytes: number;
  /** Sizes of the kept events, oldest first, to know where to trim. */
  sizes: number[];
  firstKept: number;
  beat: ReturnType<typeof setInterval>;
}

export class RedisStreamStore implements StreamStore {
  readonly #redis: Redis;
  readonly #limits: StreamStoreLimits;
  readonly #prefix: string;
  readonly #writers = new Map<string, Writer>();
  #subscriber: Redis | undefined;
  /** The run's listeners per pub/sub channel (cancel and approval), handed each message. */
  readonly #listeners = new Map<string, Set<(message: string) => void>>();
  readonly #readers = new Set<Redis>();

  readonly #blockMs: number;
  readonly #aliveMs: number;

  constructor(
    redis: Redis,
    limits: StreamStoreLimits,
    options: { prefix?: string; blockMs?: number; aliveMs?: number } = {},
  ) {
    this.#redis = redis;
    this.#limits = limits;
    this.#prefix = options.prefix ?? "chat";
    this.#blockMs = options.blockMs ?? BLOCK_MS;
    this.#aliveMs = options.aliveMs ?? ALIVE_MS;
  }

  #keys(id: string): RedisStreamKeys {
    return redisStreamKeys(this.#prefix, id);
  }

  #runsKey(owner: string): string {
    return redisRunsKey(this.#prefix, owner);
  }

  async create(id: string, owner: string): Promise<void> {
    const keys = this.#keys(id);
    const runs = this.#runsKey(owner);
    const created = await this.#redis.eval(
      CREATE,
      3,
      runs,
      keys.meta,
      keys.alive,
      id,
      this.#limits.maxRunsPerOwner,
      this.#aliveMs,
      LIVE_TTL_MS,
    );
    if (created === -1) throw new OwnerRunsFull(this.#limits.maxRunsPerOwner);
    if (created !== 1) throw new Error(`stream ${id} exists`);
    // Three beats per ALIVE_MS: one lost beat does not make a live answer look dead.
    const beat = setInterval(() => {
      this.#redis.eval(BEAT, 2, keys.alive, runs, id, this.#aliveMs).catch(() => {});
    }, this.#aliveMs / 3);
    beat.unref?.();
    this.#writers.set(id, { owner, nextId: 1, bytes: 0, sizes: [], firstKept: 1, beat });
  }

  async append(id: string, event: ChatEvent): Promise<void> {
    const writer = this.#writers.get(id);
    if (!writer) return;
    const keys = this.#keys(id);
    const stored = storedEvent(writer.nextId++, event);
    const size = eventBytes(stored);
    writer.sizes.push(size);
    writer.bytes += size;
    const batch = this.#redis
      .multi()
      .xadd(keys.stream, `0-${stored.id}`, "e", stored.event, "d", stored.data);
    if (stored.id === 1) batch.pexpire(keys.stream, LIVE_TTL_MS);
    let trimmed = false;
    while (writer.bytes > this.#limits.maxStreamBytes && writer.sizes.length > 1) {
      writer.bytes -= writer.sizes.shift() ?? 0;
      writer.firstKept++;
      trimmed = true;
    }
    // First says what is kept before the trim removes it, so a reader never misses the news.
    if (trimmed)
      batch
        .hset(keys.meta, "first", String(writer.firstKept))
        .xtrim(keys.stream, "MINID", `0-${writer.firstKept}`);
    await batch.exec();
  }

  async finish(id: string): Promise<void> {
    const writer = this.#writers.get(id);
    if (!writer) return;
    clearInterval(writer.beat);
    this.#writers.delete(id);
    const keys = this.#keys(id);
    await this.#redis
      .multi()
      .hset(keys.meta, "status", "finished")
      .pexpire(keys.meta, this.#limits.ttlMs)
      .pexpire(keys.stream, this.#limits.ttlMs)
      .del(keys.alive)
      .del(keys.approvals)
      .zrem(this.#runsKey(writer.owner), id)
      .exec();
  }

  async status(id: string): Promise<StreamStatus | undefined> {
    const status = await this.#redis.hget(this.#keys(id).meta, "status");
    return status === "live" || status === "finished" ? status : undefined;
  }

  read(id: string, after: number, signal: AbortSignal): AsyncGenerator<ReadBatch, void> {
    const connections: RedisReadConnections = {
      shared: this.#redis,
      openBlocking: () => this.#blockingConnection(),
      closeBlocking: (connection: Redis) => {
        this.#readers.delete(connection);
        connection.disconnect();
      },
      blockMs: this.#blockMs,
    };
    return readRedisStream(connections, this.#keys(id), after, signal);
  }

  async cancel(id: string): Promise<boolean> {
    const keys = this.#keys(id);
    const status = await this.status(id);
    if (!status) return false;
    if (status === "live") {
      // The flag covers a run that subscribes after this publish; the message reaches it at once.
      await this.#redis.multi().hset(keys.meta, "cancel", "1").publish(keys.channel, "cancel").exec();
    }
    return true;
  }

  async onCancel(id: string, listener: () => void): Promise<() => Promise<void>> {
    const { channel, meta } = this.#keys(id);
    let fired = false;
    const once = () => {
      if (fired) return;
      fired = true;
      listener();
    };
    const stop = await this.#subscribe(channel, once);
    if ((await this.#redis.hget(meta, "cancel")) === "1") once();
    return stop;
  }

  async openApproval(id: string, toolCallId: string): Promise<void> {
    if (!this.#writers.has(id)) return;
    await openRedisApproval(this.#redis, this.#keys(id), toolCallId, LIVE_TTL_MS);
  }

  decide(id: string, toolCallId: string, decision: Decision): Promise<DecideResult> {
    return decideRedisApproval(this.#redis, this.#keys(id), toolCallId, decision);
  }

  onDecision(
    id: string,
    listener: (toolCallId: string, decision: Decision) => void,
  ): Promise<() => Promise<void>> {
    return this.#subscribe(this.#keys(id).approvalChannel, (message) => {
      const parsed = parseDecisionMessage(message);
      if (parsed) listener(parsed.toolCallId, parsed.decision);
    });
  }

  /** Hands `listener` each message on `channel`, on the one subscriber connection, until stopped. */
  async #subscribe(channel: string, listener: (message: string) => void): Promise<() => Promise<void>> {
    const subscriber = this.#subscriberConnection();
    let listeners = this.#listeners.get(channel);
    if (!listeners) {
      listeners = new Set();
      this.#listeners.set(channel, listeners);
      await subscriber.subscribe(channel);
    }
    listeners.add(listener);
    return async () => {
      const set = this.#listeners.get(channel);
      set?.delete(listener);
      if (set && set.size === 0) {
        this.#listeners.delete(channel);
        await subscriber.unsubscribe(channel).catch(() => {});
      }
    };
  }

  async close(): Promise<void> {
    for (const writer of this.#writers.values()) clearInterval(writer.beat);
    this.#writers.clear();
    for (const reader of this.#readers) reader.disconnect();
    this.#readers.clear();
    this.#subscriber?.disconnect();
    this.#subscriber = undefined;
    this.#listeners.clear();
  }

  #blockingConnection(): Redis {
    const connection = this.#redis.duplicate();
    connection.on("error", () => {});
    this.#readers.add(connection);
    return connection;
  }

  #subscriberConnection(): Redis {
    if (this.#subscriber) return this.#subscriber;
    const subscriber = this.#redis.duplicate();
    subscriber.on("error", () => {});
    subscriber.on("message", (channel: string, message: string) => {
      for (const listener of [...(this.#listeners.get(channel) ?? [])]) listener(message);
    });
    this.#subscriber = subscriber;
    return subscriber;
  }
}
