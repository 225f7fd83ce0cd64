import "server-only";
import { loadConfig } from "@/lib/config";
import { getRedis } from "@/lib/redis";
import { MemoryStreamStore } from "./memory-stream-store";
import { ReaderSlots } from "./reader-slots";
import { RedisStreamStore } from "./redis-stream-store";
import type { StreamStore, StreamStoreLimits } from "./stream-store";

// The process's one stream store: Redis when REDIS_URL is set (shared by every instance), else
// memory. Kept on globalThis because Next bundles each route on its own, and POST /api/chat and
// GET /api/chat/<id> must see the same streams.

const holder = globalThis as typeof globalThis & { __streamStore?: StreamStore; __readerSlots?: ReaderSlots };

function resumeLimits(): StreamStoreLimits {
  const config = loadConfig();
  return {
    ttlMs: config.resumeTtlMs,
    maxStreams: config.resumeMaxStreams,
    maxStreamBytes: config.resumeMaxStreamBytes,
    maxTotalBytes: config.resumeMaxBytes,
    maxRunsPerOwner: config.resumeMaxRunsPerClient,
  };
}

export function getStreamStore(): StreamStore {
  if (holder.__streamStore) return holder.__streamStore;
  const redis = getRedis();
  const store = redis ? new RedisStreamStore(redis, resumeLimits()) : new MemoryStreamStore(resumeLimits());
  holder.__streamStore = store;
  return store;
}

/** The process's count of re-attached readers (reader-slots.ts). */
export function getReaderSlots(): ReaderSlots {
  holder.__readerSlots ??= new ReaderSlots();
  return holder.__readerSlots;
}

export { newStreamId, type RunObserver, startDetachedRun } from "./detached-run";
export { readStreamSse } from "./read-stream";
export type { StreamStore } from "./stream-store";
export { OwnerRunsFull, StreamStoreFull } from "./stream-store";
