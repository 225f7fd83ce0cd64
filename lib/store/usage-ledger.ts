import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { MessageRef, RecordedUsage, UsageMeasures, UsageRecord } from "./conversation-repository";
import type { StoreDatabase } from "./rows";
import { messages, usage } from "./schema";

// One row per answer: what it cost and how long it took. Recorded only for the owner's own
// message, kept after the conversation is deleted (what was spent stays spent).

export async function recordUsage(db: StoreDatabase, ownerId: string, record: UsageRecord): Promise<boolean> {
  const { conversationId, messageId } = record;
  return db.transaction(async (tx) => {
    const [message] = await tx
      .select({ id: messages.id })
      .from(messages)
      .where(
        and(
          eq(messages.conversationId, conversationId),
          eq(messages.id, messageId),
          eq(messages.ownerId, ownerId),
        ),
      );
    if (!message) return false;
    const measures = usageColumns(record);
    await tx
      .insert(usage)
      .values({ conversationId, messageId, ownerId, ...measures })
      .onConflictDoUpdate({
        target: [usage.conversationId, usage.messageId],
        set: { ...measures, createdAt: sql`now()` },
      });
    return true;
  });
}

/** The row's measures; null is "not reported". */
export function usageColumns(measures: UsageMeasures) {
  return {
    model: measures.model,
    promptTokens: measures.promptTokens,
    cacheHitTokens: measures.cacheHitTokens ?? null,
    cacheMissTokens: measures.cacheMissTokens ?? null,
    completionTokens: measures.completionTokens,
    reasoningTokens: measures.reasoningTokens ?? null,
    totalTokens: measures.totalTokens,
    firstByteMs: measures.firstByteMs,
    totalMs: measures.totalMs,
    costUsd: measures.costUsd ?? null,
    costCny: measures.costCny ?? null,
  };
}

export async function getUsage(
  db: StoreDatabase,
  ownerId: string,
  ref: MessageRef,
): Promise<RecordedUsage | undefined> {
  const [row] = await db
    .select()
    .from(usage)
    .where(
      and(
        eq(usage.conversationId, ref.conversationId),
        eq(usage.messageId, ref.messageId),
        eq(usage.ownerId, ownerId),
      ),
    );
  if (!row) return undefined;
  const {
    ownerId: _owner,
    cacheHitTokens,
    cacheMissTokens,
    reasoningTokens,
    costUsd,
    costCny,
    createdAt,
    ...always
  } = row;
  return {
    ...always,
    ...(costUsd === null ? {} : { costUsd }),
    ...(costCny === null ? {} : { costCny }),
    ...(cacheHitTokens === null ? {} : { cacheHitTokens }),
    ...(cacheMissTokens === null ? {} : { cacheMissTokens }),
    ...(reasoningTokens === null ? {} : { reasoningTokens }),
    createdAt: createdAt.getTime(),
  };
}
