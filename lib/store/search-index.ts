import "server-only";
import { and, eq, inArray, or, sql } from "drizzle-orm";
import type { MessageRef } from "./conversation-repository";
import type { StoreDatabase } from "./rows";
import { messageSearch, messages } from "./schema";
import { searchDocument, tsvectorText } from "./search-text";

// Keeps message_search (schema.ts) in step with the messages: a message is indexed once it is
// final, a chat turn's question with the statement that stores it (begin-turn.ts), its answer with
// the last save (answer-writes.ts); a streaming answer's saves every 2 s cost nothing here.
// Deleting a message (or its conversation) drops its row by cascade.

/** What indexing a message needs of its row. */
export interface IndexedMessage {
  conversationId: string;
  id: string;
  ownerId: string;
  content: string;
  createdAt: Date;
}

/** Rows per INSERT: six parameters each, far below PostgreSQL's 65,535. */
const ROWS_PER_STATEMENT = 500;

/** A message's search row, or none for a message without text: it has nothing to find. */
export function indexDocument(content: string): { body: string; terms: string } | undefined {
  if (content.trim() === "") return undefined;
  const { body, terms } = searchDocument(content);
  return { body, terms: tsvectorText(terms) };
}

/** Indexes these messages (again, for one indexed before); one without text has nothing to find. */
export async function indexMessages(db: StoreDatabase, list: readonly IndexedMessage[]): Promise<void> {
  const rows = list.flatMap((message) => {
    const document = indexDocument(message.content);
    if (!document) return [];
    const { conversationId, id: messageId, ownerId, createdAt } = message;
    return [{ conversationId, messageId, ownerId, createdAt, ...document }];
  });
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    await db
      .insert(messageSearch)
      .values(rows.slice(i, i + ROWS_PER_STATEMENT))
      .onConflictDoUpdate({
        target: [messageSearch.conversationId, messageSearch.messageId],
        set: { body: sql`excluded.body`, terms: sql`excluded.terms` },
      });
  }
}

/**
 * Indexes these answers as stored, with the questions they answer (a chat turn's question waits
 * for its answer to end): one read, one write for the lot.
 */
export async function indexAnswered(db: StoreDatabase, refs: readonly MessageRef[]): Promise<void> {
  for (let i = 0; i < refs.length; i += ROWS_PER_STATEMENT) {
    const part = refs.slice(i, i + ROWS_PER_STATEMENT);
    const answers = or(
      ...part.map((ref) =>
        and(eq(messages.conversationId, ref.conversationId), eq(messages.id, ref.messageId)),
      ),
    );
    const parents = db
      .select({ id: sql<string>`${messages.parentId}`.as("id") })
      .from(messages)
      .where(answers);
    const rows = await db
      .select({
        conversationId: messages.conversationId,
        id: messages.id,
        ownerId: messages.ownerId,
        content: messages.content,
        createdAt: messages.createdAt,
      })
      .from(messages)
      .where(
        and(
          inArray(
            messages.conversationId,
            part.map((ref) => ref.conversationId),
          ),
          or(answers, inArray(messages.id, parents)),
          sql`${messages.status} is distinct from 'streaming'`,
        ),
      );
    await indexMessages(db, rows);
  }
}
