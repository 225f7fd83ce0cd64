import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { leaseUntil } from "./answer-writes";
import type { NewTurn, StoredMessage, TurnRefusal, TurnStart } from "./conversation-repository";
import { CHECK_VIOLATION, FOREIGN_KEY_VIOLATION, type StoreDatabase, sqlState, toMessage } from "./rows";
import { conversations, messages } from "./schema";

// What a chat request naming a conversation writes before the model is called (PROTOCOL.md
// section 10), as one transaction of two or three statements: the path read, the conversation
// created or touched, and the question and the answer inserted together. Before it was four
// transactions and a read of every branch; on PGlite each statement costs a trip through its
// WASM and its wire protocol, which made saving's first byte and CPU miss their targets.

/** Ends the transaction without a trace of the turn, saying why. */
class Refused extends Error {
  constructor(readonly reason: TurnRefusal) {
    super(reason);
  }
}

export async function beginTurn(db: StoreDatabase, ownerId: string, turn: NewTurn): Promise<TurnStart> {
  try {
    return await db.transaction(async (tx) => {
      const path =
        turn.parentId === null ? [] : await pathTo(tx, ownerId, turn.conversationId, turn.parentId);
      if (turn.parentId !== null && path.length === 0) throw new Refused("not_found");
      if (!turn.question && path.at(-1)?.role !== "user") throw new Refused("not_a_question");
      await placeTurn(tx, ownerId, turn);
      const question = await insertMessages(tx, ownerId, turn);
      return { ok: true as const, path: question ? [...path, question] : path };
    });
  } catch (error) {
    if (error instanceof Refused) return { ok: false, refused: error.reason };
    const state = sqlState(error);
    // The parent went with its conversation meanwhile, or the question names itself as its parent.
    if (state === FOREIGN_KEY_VIOLATION || state === CHECK_VIOLATION)
      return { ok: false, refused: "not_found" };
    throw error;
  }
}

/** Creates (for a title) or touches the conversation: the answer is its current leaf from now on. */
async function placeTurn(tx: StoreDatabase, ownerId: string, turn: NewTurn): Promise<void> {
  const now = sql`now()`;
  const leaf = { currentLeafId: turn.answer.id, updatedAt: now, changedAt: now };
  const live = and(
    eq(conversations.id, turn.conversationId),
    eq(conversations.ownerId, ownerId),
    isNull(conversations.deletedAt),
  );
  const deleted = sql`${conversations.deletedAt} is not null`;
  const placed =
    turn.title === undefined
      ? await tx.update(conversations).set(leaf).where(live).returning({ id: conversations.id })
      : await tx
          .insert(conversations)
          .values({ id: turn.conversationId, ownerId, title: turn.title, createdAt: now, ...leaf })
          // The owner's own conversation gets the turn, and their deleted one starts again (as
          // createConversation has it); another owner's is left untouched, and the turn refused.
          .onConflictDoUpdate({
            target: conversations.id,
            set: {
              ...leaf,
              title: sql`case when ${deleted} then excluded.title else ${conversations.title} end`,
              createdAt: sql`case when ${deleted} then now() else ${conversations.createdAt} end`,
              deletedAt: null,
            },
            setWhere: eq(conversations.ownerId, ownerId),
          })
          .returning({ id: conversations.id });
  if (placed.length === 0) throw new Refused(turn.title === undefined ? "not_found" : "conversation_taken");
}

/** The question (if any) and the answer in one statement; the question as stored, for the path. */
async function insertMessages(
  tx: StoreDatabase,
  ownerId: string,
  turn: NewTurn,
): Promise<StoredMessage | undefined> {
  const { conversationId, question, answer } = turn;
  const common = { conversationId, ownerId, createdAt: sql`now()`, updatedAt: sql`now()` };
  const questionRow = question && {
    ...common,
    id: question.id,
    parentId: turn.parentId,
    role: "user" as const,
    content: question.content,
  };
  // Messages are listed by creation time, then id: the answer, written with its question, is
  // dated a millisecond after it (the timestamps keep milliseconds), so it never lists first.
  const answerAt = sql`now() + interval '1 millisecond'`;
  const answerRow = {
    ...common,
    createdAt: answerAt,
    updatedAt: answerAt,
    id: answer.id,
    parentId: question?.id ?? turn.parentId,
    role: "assistant" as const,
    status: "streaming" as const,
    model: answer.model,
    reasoning: answer.reasoning,
    runId: answer.lease.runId,
    leaseExpiresAt: leaseUntil(answer.lease.ttlMs),
    streamId: answer.streamId ?? null,
  };
  // A repeated id inserts nothing; which one tells the client which field was wrong.
  const inserted = await tx
    .insert(messages)
    .values(questionRow ? [questionRow, answerRow] : [answerRow])
    .onConflictDoNothing({ target: [messages.conversationId, messages.id] })
    .returning({ id: messages.id, createdAt: messages.createdAt });
  const stored = (id: string) => inserted.find((row) => row.id === id);
  const questionAt = question && stored(question.id)?.createdAt;
  if (question && !questionAt) throw new Refused("question_exists");
  if (!stored(answer.id)) throw new Refused("answer_exists");
  if (!question || !questionAt) return undefined;
  const time = questionAt.getTime();
  return {
    id: question.id,
    parentId: turn.parentId,
    role: "user",
    content: question.content,
    parts: [],
    createdAt: time,
    updatedAt: time,
  };
}

/**
 * The messages from the root to `leafId`, oldest first; empty when the leaf is not this owner's.
 * The walk up runs in the database, by primary key, so a conversation's other branches are never read.
 */
export async function pathTo(
  db: StoreDatabase,
  ownerId: string,
  conversationId: string,
  leafId: string,
): Promise<StoredMessage[]> {
  const ancestors = sql`with recursive up (id, parent_id) as (
      select id, parent_id from ${messages}
      where conversation_id = ${conversationId} and owner_id = ${ownerId} and id = ${leafId}
    union all
      select m.id, m.parent_id from ${messages} m join up on m.id = up.parent_id
      where m.conversation_id = ${conversationId}
    ) select id from up`;
  const onPath = and(
    eq(messages.conversationId, conversationId),
    eq(messages.ownerId, ownerId),
    sql`${messages.id} in (${ancestors})`,
  );
  const rows = await db.select().from(messages).where(onPath);
  const byId = new Map(rows.map((row) => [row.id, toMessage(row)]));
  const path: StoredMessage[] = [];
  for (let at = byId.get(leafId); at; at = at.parentId === null ? undefined : byId.get(at.parentId)) {
    path.push(at);
  }
  return path.reverse();
}
