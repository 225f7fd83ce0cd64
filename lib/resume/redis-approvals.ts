import type { Redis } from "ioredis";
import type { RedisStreamKeys } from "./redis-stream-keys";
import { type DecideResult, type Decision, decodeDecision, encodeDecision } from "./stream-store";

// The pending approvals of RedisStreamStore (PROTOCOL.md section 24): a hash per answer beside its
// log, so the log's trim never drops one, and a decision taken on any instance reaches the one
// running the answer by pub/sub, as a cancel does.

// Decides a pending call once, on Redis, so that two clicks, or a click and the run's timeout, on
// different instances cannot both win. KEYS: approvals, channel; ARGV: call id, decision.
const DECIDE = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current then return 'not_pending' end
if current ~= 'pending' then return current end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('PUBLISH', KEYS[2], ARGV[1] .. ' ' .. ARGV[2])
return 'ok'
`;

export async function openRedisApproval(
  redis: Redis,
  keys: RedisStreamKeys,
  toolCallId: string,
  ttlMs: number,
): Promise<void> {
  await redis.multi().hsetnx(keys.approvals, toolCallId, "pending").pexpire(keys.approvals, ttlMs).exec();
}

export async function decideRedisApproval(
  redis: Redis,
  keys: RedisStreamKeys,
  toolCallId: string,
  decision: Decision,
): Promise<DecideResult> {
  const reply = await redis.eval(
    DECIDE,
    2,
    keys.approvals,
    keys.approvalChannel,
    toolCallId,
    encodeDecision(decision),
  );
  if (reply === "ok") return { ok: true };
  const made = typeof reply === "string" ? decodeDecision(reply) : undefined;
  return made ? { ok: false, reason: "decided", decision: made } : { ok: false, reason: "not_pending" };
}

/** A decision as the channel carries it: `<call id> <decision>`; undefined for anything else. */
export function parseDecisionMessage(
  message: string,
): { toolCallId: string; decision: Decision } | undefined {
  const space = message.lastIndexOf(" ");
  if (space <= 0) return undefined;
  const decision = decodeDecision(message.slice(space + 1));
  return decision ? { toolCallId: message.slice(0, space), decision } : undefined;
}
