import "server-only";
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { AnswerUpdate, MessageRef, UsageMeasures } from "./conversation-repository";
import type { StoreDatabase } from "./rows";
import { messages, usage } from "./schema";
import { usageColumns } from "./usage-ledger";

// The saves of a streaming answer by the run that holds it. Each is one statement; the last one
// carries the usage row along (a data-modifying WITH), so an answer's end costs one trip to the
// database, and the row is recorded only if the save was the run's to make.

export const leaseUntil = (ttlMs: number) =>
  sql`now() + ${Math.max(0, Math.round(ttlMs))} * interval '1 millisecond'`;

function heldBy(ownerId: string, ref: MessageRef, runId: string): SQL | undefined {
  return and(
    eq(messages.conversationId, ref.conversationId),
    eq(messages.id, ref.messageId),
    eq(messages.ownerId, ownerId),
    eq(messages.status, "streaming"),
    eq(messages.runId, runId),
  );
}

/** The columns a save sets: an ending status also ends the lease and the stream. */
function answerSet(update: AnswerUpdate) {
  const { leaseTtlMs, ...fields } = update;
  const ends = update.status !== undefined && update.status !== "streaming";
  const lease = ends
    ? { runId: null, leaseExpiresAt: null, streamId: null }
    : leaseTtlMs === undefined
      ? {}
      : { leaseExpiresAt: leaseUntil(leaseTtlMs) };
  return { ...fields, ...lease, updatedAt: sql`now()` };
}

export async function updateAnswer(
  db: StoreDatabase,
  ownerId: string,
  ref: MessageRef,
  runId: string,
  update: AnswerUpdate,
): Promise<boolean> {
  const updated = await db
    .update(messages)
    .set(answerSet(update))
    .where(heldBy(ownerId, ref, runId))
    .returning({ id: messages.id });
  return updated.length > 0;
}

export async function finishAnswer(
  db: StoreDatabase,
  ownerId: string,
  ref: MessageRef,
  runId: string,
  update: AnswerUpdate,
  measures?: UsageMeasures,
): Promise<boolean> {
  if (!measures) return updateAnswer(db, ownerId, ref, runId, update);
  const kept = db.$with("kept").as(
    db
      .update(messages)
      .set(answerSet(update))
      .where(heldBy(ownerId, ref, runId))
      .returning({ conversationId: messages.conversationId, id: messages.id, ownerId: messages.ownerId }),
  );
  const columns = usageColumns(measures);
  // Every column, in the table's order; a constant in a SELECT list has no type for PostgreSQL to
  // infer, so each says its column's.
  const int = (value: number | null, name: string) => sql`${value}::integer`.as(name);
  const recorded = await db
    .with(kept)
    .insert(usage)
    .select(
      db
        .select({
          conversationId: kept.conversationId,
          messageId: kept.id,
          ownerId: kept.ownerId,
          model: sql`${columns.model}::text`.as("model"),
          promptTokens: int(columns.promptTokens, "promptTokens"),
          cacheHitTokens: int(columns.cacheHitTokens, "cacheHitTokens"),
          cacheMissTokens: int(columns.cacheMissTokens, "cacheMissTokens"),
          completionTokens: int(columns.completionTokens, "completionTokens"),
          reasoningTokens: int(columns.reasoningTokens, "reasoningTokens"),
          totalTokens: int(columns.totalTokens, "totalTokens"),
          firstByteMs: int(columns.firstByteMs, "firstByteMs"),
          totalMs: int(columns.totalMs, "totalMs"),
          createdAt: sql`now()`.as("createdAt"),
        })
        .from(kept),
    )
    .onConflictDoUpdate({
      target: [usage.conversationId, usage.messageId],
      set: { ...columns, createdAt: sql`now()` },
    })
    .returning({ id: usage.messageId });
  return recorded.length > 0;
}
