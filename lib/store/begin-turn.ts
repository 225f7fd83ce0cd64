import "server-only";
import type { NewTurn, StoredMessage, TurnRefusal, TurnStart } from "./conversation-repository";
import { pathTo } from "./path-to";
import type { PreparedStatements, Row, Statement } from "./prepared-statements";
import { CHECK_VIOLATION, FOREIGN_KEY_VIOLATION, sqlState, UNIQUE_VIOLATION } from "./rows";
import { indexDocument } from "./search-index";

// What a chat request naming a conversation writes before the model is called (PROTOCOL.md
// section 10): one prepared statement (prepared-statements.ts) that creates or touches the
// conversation, inserts the question and the streaming answer, and indexes the question for
// search, all or nothing as any one statement is; a continuation reads its path first. Before,
// a transaction of four statements through the query builder made saving miss its CPU target.

// The messages go in only after the conversation was placed (from `placed`), so a conversation
// that is not this owner's gets nothing; without ON CONFLICT, a repeated id fails the statement,
// and with it everything the statement did. The answer is dated a millisecond after its question
// (the timestamps keep milliseconds): listed by creation time, then id, it never lists first.
const STORE = `stored as (
    insert into messages (conversation_id, id, owner_id, parent_id, role, content, status, model,
      reasoning, run_id, lease_expires_at, stream_id, created_at, updated_at, effort, parts)
    select $1::text, $5::text, $2::text, $6::text, 'user', $7::text, null, null, null, null, null, null,
      now(), now(), null, $17::jsonb
    from placed where $5::text is not null
    union all
    select $1::text, $8::text, $2::text, coalesce($5::text, $6::text), 'assistant', '', 'streaming',
      $9::text, $10::text, $11::text, now() + $12::integer * interval '1 millisecond', $13::text,
      now() + interval '1 millisecond', now() + interval '1 millisecond', $16::text, '[]'::jsonb
    from placed
    returning id, created_at
  ),
  found as (
    insert into message_search (owner_id, conversation_id, message_id, created_at, body, terms)
    select $2::text, $1::text, id, created_at, $14::text, $15::tsvector
    from stored where id = $5::text and $14::text is not null
  )
  select id, (extract(epoch from created_at) * 1000)::bigint from stored`;

/** A first question: the owner's own conversation gets the turn, a deleted one starts again. */
const beginFirst: Statement = {
  name: "turn_first",
  text: `with placed as (
    insert into conversations as c (id, owner_id, title, created_at, updated_at, changed_at, current_leaf_id)
    values ($1::text, $2::text, $3::text, now(), now(), now(), $4::text)
    on conflict (id) do update set current_leaf_id = excluded.current_leaf_id, updated_at = now(),
      changed_at = now(), deleted_at = null,
      title = case when c.deleted_at is not null then excluded.title else c.title end,
      created_at = case when c.deleted_at is not null then now() else c.created_at end
    where c.owner_id = $2::text
    returning id
  ), ${STORE}`,
};

/** A turn in a conversation the owner has: the answer is its current leaf from now on. */
const beginNext: Statement = {
  name: "turn_next",
  text: `with placed as (
    update conversations set current_leaf_id = $4::text, updated_at = now(), changed_at = now()
    where id = $1::text and owner_id = $2::text and deleted_at is null and $3::text is null
    returning id
  ), ${STORE}`,
};

export async function beginTurn(
  statements: PreparedStatements,
  ownerId: string,
  turn: NewTurn,
): Promise<TurnStart> {
  const path =
    turn.parentId === null ? [] : await pathTo(statements, ownerId, turn.conversationId, turn.parentId);
  if (turn.parentId !== null && path.length === 0) return refused("not_found");
  if (!turn.question && path.at(-1)?.role !== "user") return refused("not_a_question");
  let rows: Row[];
  try {
    rows = await statements.run(turn.title === undefined ? beginNext : beginFirst, turnValues(ownerId, turn));
  } catch (error) {
    const state = sqlState(error);
    if (state === UNIQUE_VIOLATION) return refused(await whichExists(statements, ownerId, turn));
    // The parent went with its conversation meanwhile, or the question names itself as its parent.
    if (state === FOREIGN_KEY_VIOLATION || state === CHECK_VIOLATION) return refused("not_found");
    throw error;
  }
  if (rows.length === 0) return refused(turn.title === undefined ? "not_found" : "conversation_taken");
  const { question } = turn;
  const questionAt = question && rows.find(([id]) => id === question.id)?.[1];
  if (!question || !questionAt) return { ok: true, path };
  const time = Number(questionAt);
  const stored: StoredMessage = {
    id: question.id,
    parentId: turn.parentId,
    role: "user",
    content: question.content,
    parts: question.parts ?? [],
    createdAt: time,
    updatedAt: time,
  };
  return { ok: true, path: [...path, stored] };
}

const refused = (reason: TurnRefusal): TurnStart => ({ ok: false, refused: reason });

function turnValues(ownerId: string, { conversationId, title, parentId, question, answer }: NewTurn) {
  const ttl = String(Math.max(0, Math.round(answer.lease.ttlMs)));
  const document = question && indexDocument(question.content);
  return [
    ...[conversationId, ownerId, title ?? null, answer.id, question?.id ?? null, parentId],
    ...[question?.content ?? null, answer.id, answer.model, answer.reasoning, answer.lease.runId, ttl],
    ...[answer.streamId ?? null, document?.body ?? null, document?.terms ?? null, answer.effort ?? null],
    JSON.stringify(question?.parts ?? []),
  ];
}

const existing: Statement = {
  name: "turn_existing",
  text: "select id from messages where conversation_id = $1::text and owner_id = $2::text and id = $3::text",
};

/** Which of the turn's ids the conversation has already (a repeated id failed the statement). */
async function whichExists(
  statements: PreparedStatements,
  ownerId: string,
  turn: NewTurn,
): Promise<TurnRefusal> {
  const { question, conversationId } = turn;
  const has = async (id: string) =>
    (await statements.run(existing, [conversationId, ownerId, id])).length > 0;
  return question && (await has(question.id)) ? "question_exists" : "answer_exists";
}
