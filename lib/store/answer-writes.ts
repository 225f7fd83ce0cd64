import "server-only";
import { sql } from "drizzle-orm";
import type { AnswerUpdate, MessageRef, UsageMeasures } from "./conversation-repository";
import type { PreparedStatements, Statement } from "./prepared-statements";
import { usageColumns } from "./usage-ledger";

// The saves of a streaming answer by the run that holds it, each one prepared statement
// (prepared-statements.ts). The last one carries the usage row and the answer's search row along
// (data-modifying WITHs), so an answer's end costs one trip to the database, and both rows are
// written only if the save was the run's to make.

export const leaseUntil = (ttlMs: number) =>
  sql`now() + ${Math.max(0, Math.round(ttlMs))} * interval '1 millisecond'`;

// $1–$4 name the answer and its run; $5–$11 are the update, null where it leaves a column as it
// is. An ending status ends the lease and the stream.
const ENDS = `($7::text is not null and $7::text <> 'streaming')`;
const SAVE = `update messages set
    content = coalesce($5::text, content),
    parts = coalesce($6::jsonb, parts),
    status = coalesce($7::text, status),
    stats = coalesce($8::jsonb, stats),
    finish_reason = coalesce($9::text, finish_reason),
    error = coalesce($10::jsonb, error),
    run_id = case when ${ENDS} then null else run_id end,
    lease_expires_at = case when ${ENDS} then null when $11::integer is null then lease_expires_at
      else now() + $11::integer * interval '1 millisecond' end,
    stream_id = case when ${ENDS} then null else stream_id end,
    updated_at = now()
  where conversation_id = $1::text and id = $2::text and owner_id = $3::text
    and status = 'streaming' and run_id = $4::text`;

const saveAnswer: Statement = { name: "answer_save", text: `${SAVE} returning id` };

// $12–$20 and $23–$24 the usage row (its model null: none), $21–$22 the answer's search row
// (null: none).
const finish: Statement = {
  name: "answer_finish",
  text: `with kept as (${SAVE} returning conversation_id, id, owner_id, created_at),
  used as (
    insert into usage (conversation_id, message_id, owner_id, model, prompt_tokens, cache_hit_tokens,
      cache_miss_tokens, completion_tokens, reasoning_tokens, total_tokens, first_byte_ms, total_ms, created_at,
      cost_usd, cost_cny)
    select conversation_id, id, owner_id, $12::text, $13::integer, $14::integer, $15::integer, $16::integer,
      $17::integer, $18::integer, $19::integer, $20::integer, now(), $23::double precision, $24::double precision
    from kept where $12::text is not null
    on conflict (conversation_id, message_id) do update set model = excluded.model,
      prompt_tokens = excluded.prompt_tokens, cache_hit_tokens = excluded.cache_hit_tokens,
      cache_miss_tokens = excluded.cache_miss_tokens, completion_tokens = excluded.completion_tokens,
      reasoning_tokens = excluded.reasoning_tokens, total_tokens = excluded.total_tokens,
      first_byte_ms = excluded.first_byte_ms, total_ms = excluded.total_ms, created_at = now(),
      cost_usd = excluded.cost_usd, cost_cny = excluded.cost_cny
  ),
  found as (
    insert into message_search (owner_id, conversation_id, message_id, created_at, body, terms)
    select owner_id, conversation_id, id, created_at, $21::text, $22::tsvector from kept where $21::text is not null
    on conflict (conversation_id, message_id) do update set body = excluded.body, terms = excluded.terms
  )
  select id from kept`,
};

/** What the answer's search row holds (search-index.ts): folded text and its terms. */
export interface AnswerDocument {
  body: string;
  terms: string;
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
const text = (value: string | number | null | undefined) => (value == null ? null : String(value));

function updateValues(ownerId: string, ref: MessageRef, runId: string, update: AnswerUpdate) {
  const ttl = update.leaseTtlMs === undefined ? null : Math.max(0, Math.round(update.leaseTtlMs));
  return [
    ...[ref.conversationId, ref.messageId, ownerId, runId, text(update.content), json(update.parts)],
    ...[text(update.status), json(update.stats), text(update.finishReason), json(update.error), text(ttl)],
  ];
}

/** $12–$20, then $23–$24 (the cost columns came later: migration 0008). */
function usageValues(measures: UsageMeasures | undefined) {
  if (!measures) return { counts: Array<null>(9).fill(null), cost: [null, null] };
  const c = usageColumns(measures);
  const counts = [c.model, c.promptTokens, c.cacheHitTokens, c.cacheMissTokens, c.completionTokens]
    .concat([c.reasoningTokens, c.totalTokens, c.firstByteMs, c.totalMs])
    .map(text);
  return { counts, cost: [text(c.costUsd), text(c.costCny)] };
}

export async function updateAnswer(
  statements: PreparedStatements,
  ownerId: string,
  ref: MessageRef,
  runId: string,
  update: AnswerUpdate,
): Promise<boolean> {
  const rows = await statements.run(saveAnswer, updateValues(ownerId, ref, runId, update));
  return rows.length > 0;
}

/** The last save, with the usage row and the answer's search row when given. */
export async function finishAnswer(
  statements: PreparedStatements,
  ownerId: string,
  ref: MessageRef,
  runId: string,
  update: AnswerUpdate,
  measures?: UsageMeasures,
  document?: AnswerDocument,
): Promise<boolean> {
  const usageRow = usageValues(measures);
  const values = [
    ...updateValues(ownerId, ref, runId, update),
    ...usageRow.counts,
    document?.body ?? null,
    document?.terms ?? null,
    ...usageRow.cost,
  ];
  const rows = await statements.run(finish, values);
  return rows.length > 0;
}

const renew: Statement = {
  name: "answer_renew",
  text: `update messages set lease_expires_at = now() + $5::integer * interval '1 millisecond'
  where conversation_id = $1::text and id = $2::text and owner_id = $3::text
    and status = 'streaming' and run_id = $4::text
  returning id`,
};

/** A heartbeat: the run holding the answer keeps it for `ttlMs` more. */
export async function renewLease(
  statements: PreparedStatements,
  ownerId: string,
  ref: MessageRef,
  runId: string,
  ttlMs: number,
): Promise<boolean> {
  const ttl = String(Math.max(0, Math.round(ttlMs)));
  const rows = await statements.run(renew, [ref.conversationId, ref.messageId, ownerId, runId, ttl]);
  return rows.length > 0;
}
