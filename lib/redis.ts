import "server-only";
import { Redis } from "ioredis";

// The process's one Redis connection when REDIS_URL is set (PROTOCOL.md section 7): resumable
// streams and rate limits share it. Any Redis speaks this: a local redis-server, Upstash
// (rediss://…), ElastiCache. Blocking reads and pub/sub take connections of their own (duplicate()).

type Env = Record<string, string | undefined>;

const holder = globalThis as typeof globalThis & { __redis?: Redis };

function redisUrl(env: Env = process.env): string | undefined {
  return env.REDIS_URL?.trim() || undefined;
}

function createRedis(url: string): Redis {
  const redis = new Redis(url, {
    // A command fails after two reconnect attempts instead of queueing for ever: callers decide
    // (rate limits let the request through, a resumable start answers 503).
    maxRetriesPerRequest: 2,
    connectTimeout: 5_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  let reported = false;
  redis.on("error", (error: Error) => {
    // ioredis retries by itself; one line per outage is enough.
    if (reported) return;
    reported = true;
    console.error(`[redis] ${error.message}`);
  });
  redis.on("ready", () => {
    reported = false;
  });
  return redis;
}

export function getRedis(env: Env = process.env): Redis | undefined {
  const url = redisUrl(env);
  if (!url) return undefined;
  if (!holder.__redis) {
    holder.__redis = createRedis(url);
    process.once("exit", () => holder.__redis?.disconnect());
  }
  return holder.__redis;
}
