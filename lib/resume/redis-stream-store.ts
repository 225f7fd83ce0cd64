import type { Redis } from "ioredis";
import type { ChatEvent } from "@/lib/protocol";
import {
  eventBytes,
  OwnerRunsFull,
  READ_BATCH_EVENTS,
  type ReadBatch,
  type ReadItem,
  type StreamStatus,
  type StreamStore,
  type StreamStoreLimits,
  storedEvent,
} from "./stream-store";

// Resumable streams in Redis, so that an answer started on one instance can be followed and stopped
// from any other (PROTOCOL.md section 8). Per answer:
//   <prefix>:s:<id>      a Redis stream; entry ids are `0-<event id>`, fields e (name) and d (JSON)
//   <prefix>:m:<id>      a hash: status (live|finished), first (first kept id), cancel
//   <prefix>:alive:<id>  set by the instance running the answer every few seconds; a reader that
//                        finds it gone while the answer is live knows that instance died
//   <prefix>:cancel:<id> the pub/sub channel that DELETE publishes to and the running instance hears
//   <prefix>:runs:<owner> a sorted set of the owner's live streams, each scored by when it stops
//                        counting unless its instance beats again: an instance that dies without
//                        finishing gives its owners' slots back within ALIVE_MS
// Only the instance that created a stream appends to it, so it keeps the writer's counters itself.

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
  readonly #listeners = new Map<string, Set<() => void>>();
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

  #keys(id: string) {
    const p = this.#prefix;
    return {
      stream: `${p}:s:${id}`,
      meta: `${p}:m:${id}`,
      alive: `${p}:alive:${id}`,
      channel: `${p}:cancel:${id}`,
    };
  }

  #runsKey(owner: string): string {
    return `${this.#prefix}:runs:${owner}`;
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
      .zrem(this.#runsKey(writer.owner), id)
      .exec();
  }

  async status(id: string): Promise<StreamStatus | undefined> {
    const status = await this.#redis.hget(this.#keys(id).meta, "status");
    return status === "live" || status === "finished" ? status : undefined;
  }

  async *read(id: string, after: number, signal: AbortSignal): AsyncGenerator<ReadBatch, void> {
    const keys = this.#keys(id);
    const first = Number(await this.#redis.hget(keys.meta, "first"));
    if (!first) return;
    let last = Math.max(0, after);
    if (last + 1 < first) {
      yield [{ gone: "evicted", firstKept: first }];
      return;
    }
    // Catching up reads on the shared connection. Only a reader that has caught up with a live
    // answer blocks, and a blocking read holds its connection, so that reader takes one of its
    // own (aborting closes it): a replay of a finished answer costs no connection.
    let blocking: Redis | undefined;
    const stop = () => blocking?.disconnect();
    signal.addEventListener("abort", stop, { once: true });
    let block = false;
    let finished = false;
    try {
      while (!signal.aborted) {
        let reply: [string, [string, string[]][]][] | null;
        try {
          // Block only once the store has said the answer is live: a finished one ends at once.
          const cursor = `0-${last}`;
          if (block) blocking ??= this.#blockingConnection();
          reply = (await (block && blocking
            ? blocking.xread(
                "COUNT",
                READ_BATCH_EVENTS,
                "BLOCK",
                this.#blockMs,
                "STREAMS",
                keys.stream,
                cursor,
              )
            : this.#redis.xread("COUNT", READ_BATCH_EVENTS, "STREAMS", keys.stream, cursor))) as
            | [string, [string, string[]][]][]
            | null;
        } catch (error) {
          if (signal.aborted) return;
          throw error;
        }
        const entries = reply?.[0]?.[1] ?? [];
        if (entries.length === 0) {
          // Nothing after `last`, read after the store said finished: the reader has it all.
          if (finished) return;
          const replies =
            (await this.#redis
              .multi()
              .hget(keys.meta, "status")
              .exists(keys.alive)
              .hget(keys.meta, "first")
              .exec()) ?? [];
          const [status, alive, kept] = replies.map(([, value]) => value);
          if (status === null || status === undefined) {
            // Expired while this reader waited: it has what there was, unless it was behind.
            yield [{ gone: "evicted", firstKept: last + 1 }];
            return;
          }
          if (Number(kept) > last + 1) {
            yield [{ gone: "evicted", firstKept: Number(kept) }];
            return;
          }
          if (status === "finished") {
            // The run may have appended its last events after the read above and finished since:
            // read once more before calling it complete.
            finished = true;
            block = false;
            continue;
          }
          if (alive === 0) {
            yield [{ gone: "lost", firstKept: Number(kept) }];
            return;
          }
          block = true;
          continue;
        }
        const batch: ReadItem[] = [];
        let ended = false;
        for (const [entryId, fields] of entries) {
          const eventId = Number(entryId.slice(2));
          if (eventId !== last + 1) {
            // Trimmed past this reader while it lagged.
            batch.push({ gone: "evicted", firstKept: eventId });
            ended = true;
            break;
          }
          const event = field(fields, "e") as ChatEvent["event"];
          batch.push({ id: eventId, event, data: field(fields, "d") });
          last = eventId;
          if (event === "end") {
            ended = true;
            break;
          }
        }
        yield batch;
        if (ended) return;
      }
    } finally {
      signal.removeEventListener("abort", stop);
      if (blocking) {
        this.#readers.delete(blocking);
        blocking.disconnect();
      }
    }
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
    const subscriber = this.#subscriberConnection();
    let listeners = this.#listeners.get(channel);
    if (!listeners) {
      listeners = new Set();
      this.#listeners.set(channel, listeners);
      await subscriber.subscribe(channel);
    }
    let fired = false;
    const once = () => {
      if (fired) return;
      fired = true;
      listener();
    };
    listeners.add(once);
    if ((await this.#redis.hget(meta, "cancel")) === "1") once();
    return async () => {
      const set = this.#listeners.get(channel);
      set?.delete(once);
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
    subscriber.on("message", (channel: string) => {
      for (const listener of [...(this.#listeners.get(channel) ?? [])]) listener();
    });
    this.#subscriber = subscriber;
    return subscriber;
  }
}

function field(fields: string[], name: string): string {
  for (let i = 0; i < fields.length; i += 2) if (fields[i] === name) return fields[i + 1] ?? "";
  return "";
}
