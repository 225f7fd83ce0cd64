// Where a resumable answer lives in Redis (PROTOCOL.md section 8). Per answer:
//   <prefix>:s:<id>      a Redis stream; entry ids are `0-<event id>`, fields e (name) and d (JSON)
//   <prefix>:m:<id>      a hash: status (live|finished), first (first kept id), cancel
//   <prefix>:alive:<id>  set by the instance running the answer every few seconds; a reader that
//                        finds it gone while the answer is live knows that instance died
//   <prefix>:cancel:<id> the pub/sub channel that DELETE publishes to and the running instance hears
//   <prefix>:ap:<id>     a hash of the tool calls waiting for the user (PROTOCOL.md section 24):
//                        field the call's id, value "pending" or the decision (redis-approvals.ts)
//   <prefix>:approval:<id> the pub/sub channel that a decision, made on any instance, is published to
//   <prefix>:runs:<owner> a sorted set of the owner's live streams, each scored by when it stops
//                        counting unless its instance beats again: an instance that dies without
//                        finishing gives its owners' slots back within ALIVE_MS (redis-stream-store.ts)

export interface RedisStreamKeys {
  stream: string;
  meta: string;
  alive: string;
  channel: string;
  approvals: string;
  approvalChannel: string;
}

export function redisStreamKeys(prefix: string, id: string): RedisStreamKeys {
  return {
    stream: `${prefix}:s:${id}`,
    meta: `${prefix}:m:${id}`,
    alive: `${prefix}:alive:${id}`,
    channel: `${prefix}:cancel:${id}`,
    approvals: `${prefix}:ap:${id}`,
    approvalChannel: `${prefix}:approval:${id}`,
  };
}

export function redisRunsKey(prefix: string, owner: string): string {
  return `${prefix}:runs:${owner}`;
}
