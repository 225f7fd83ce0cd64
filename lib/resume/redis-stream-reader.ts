import type { Redis } from "ioredis";
import type { ChatEvent } from "@/lib/protocol";
import type { RedisStreamKeys } from "./redis-stream-keys";
import { type GoneNotice, READ_BATCH_EVENTS, type ReadBatch, type ReadItem } from "./stream-store";

// One reader of a resumable answer kept in Redis (RedisStreamStore.read): the stored events after
// a point, then the live ones as the running instance appends them, until the answer's `end`.

export interface RedisReadConnections {
  /** The store's shared connection: catching up, and every check. */
  shared: Redis;
  /** A connection of the reader's own for blocking reads, and its return once the reader ends. */
  openBlocking: () => Redis;
  closeBlocking: (connection: Redis) => void;
  /** How long one blocking read waits before the reader checks that the answer's instance lives. */
  blockMs: number;
}

type Entries = [id: string, fields: string[]][];

/** What a reader that found nothing new learns from the answer's hash and heartbeat. */
type Idle = GoneNotice | "finished" | "live";

export async function* readRedisStream(
  connections: RedisReadConnections,
  keys: RedisStreamKeys,
  after: number,
  signal: AbortSignal,
): AsyncGenerator<ReadBatch, void> {
  const first = Number(await connections.shared.hget(keys.meta, "first"));
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
      let entries: Entries;
      try {
        // Block only once the store has said the answer is live: a finished one ends at once.
        if (block) blocking ??= connections.openBlocking();
        entries = await readAfter(block ? blocking : undefined, connections, keys.stream, last);
      } catch (error) {
        if (signal.aborted) return;
        throw error;
      }
      if (entries.length === 0) {
        // Nothing after `last`, read after the store said finished: the reader has it all.
        if (finished) return;
        const idle = await idleState(connections.shared, keys, last);
        if (typeof idle === "object") {
          yield [idle];
          return;
        }
        // Finished: the run may have appended its last events after the read above and finished
        // since, so read once more, without blocking, before calling it complete.
        finished = idle === "finished";
        block = !finished;
        continue;
      }
      const read = toBatch(entries, last);
      last = read.last;
      yield read.batch;
      if (read.ended) return;
    }
  } finally {
    signal.removeEventListener("abort", stop);
    if (blocking) connections.closeBlocking(blocking);
  }
}

/** Up to a batch of the entries after event `last`; waits up to blockMs on `blocking` when given. */
async function readAfter(
  blocking: Redis | undefined,
  connections: RedisReadConnections,
  stream: string,
  last: number,
): Promise<Entries> {
  const cursor = `0-${last}`;
  const reply = (await (blocking
    ? blocking.xread("COUNT", READ_BATCH_EVENTS, "BLOCK", connections.blockMs, "STREAMS", stream, cursor)
    : connections.shared.xread("COUNT", READ_BATCH_EVENTS, "STREAMS", stream, cursor))) as
    | [string, Entries][]
    | null;
  return reply?.[0]?.[1] ?? [];
}

async function idleState(redis: Redis, keys: RedisStreamKeys, last: number): Promise<Idle> {
  const replies =
    (await redis.multi().hget(keys.meta, "status").exists(keys.alive).hget(keys.meta, "first").exec()) ?? [];
  const [status, alive, kept] = replies.map(([, value]) => value);
  // Expired while this reader waited: it has what there was, unless it was behind.
  if (status === null || status === undefined) return { gone: "evicted", firstKept: last + 1 };
  if (Number(kept) > last + 1) return { gone: "evicted", firstKept: Number(kept) };
  if (status === "finished") return "finished";
  if (alive === 0) return { gone: "lost", firstKept: Number(kept) };
  return "live";
}

/**
 * Entries as a reader's batch, ending at the answer's `end` or at a gap the trim left; `last` is
 * the id of its newest event.
 */
function toBatch(entries: Entries, after: number): { batch: ReadItem[]; last: number; ended: boolean } {
  const batch: ReadItem[] = [];
  let last = after;
  for (const [entryId, fields] of entries) {
    const eventId = Number(entryId.slice(2));
    if (eventId !== last + 1) {
      // Trimmed past this reader while it lagged.
      batch.push({ gone: "evicted", firstKept: eventId });
      return { batch, last, ended: true };
    }
    const event = field(fields, "e") as ChatEvent["event"];
    batch.push({ id: eventId, event, data: field(fields, "d") });
    last = eventId;
    if (event === "end") return { batch, last, ended: true };
  }
  return { batch, last, ended: false };
}

function field(fields: string[], name: string): string {
  for (let i = 0; i < fields.length; i += 2) if (fields[i] === name) return fields[i + 1] ?? "";
  return "";
}
