import "server-only";
import { randomUUID } from "node:crypto";
import { inArray, sql } from "drizzle-orm";
import type { ArchivedConversation, RestoredConversation } from "./archive-repository";
import { inChunks, type StoreDatabase, sqlState, toMessageRow, UNIQUE_VIOLATION } from "./rows";
import { conversations, messages } from "./schema";
import { indexMessages } from "./search-index";

// An export file back into the store (PROTOCOL.md section 12), into the importing owner only and
// in one transaction. An id already taken (anyone's, a tombstone's too) is never overwritten: the
// conversation comes in as a copy under new ids, its messages' too, so a copy shares no id with
// the conversation it was made from.

/** A conversation created with a taken id between our check and our insert: try again, this often. */
const ATTEMPTS = 3;

export async function restoreConversations(
  db: StoreDatabase,
  ownerId: string,
  list: ArchivedConversation[],
): Promise<RestoredConversation[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await restoreOnce(db, ownerId, list);
    } catch (error) {
      if (attempt >= ATTEMPTS || sqlState(error) !== UNIQUE_VIOLATION) throw error;
    }
  }
}

async function restoreOnce(
  db: StoreDatabase,
  ownerId: string,
  list: ArchivedConversation[],
): Promise<RestoredConversation[]> {
  if (list.length === 0) return [];
  return db.transaction(async (tx) => {
    const taken = new Set<string>();
    for (const ids of inChunks(list.map((conversation) => conversation.id))) {
      const rows = await tx
        .select({ id: conversations.id })
        .from(conversations)
        .where(inArray(conversations.id, ids));
      for (const row of rows) taken.add(row.id);
    }
    const placed = list.map((conversation) =>
      taken.has(conversation.id) ? withNewIds(conversation) : conversation,
    );
    for (const chunk of inChunks(placed)) {
      await tx.insert(conversations).values(
        chunk.map((conversation) => ({
          id: conversation.id,
          ownerId,
          title: conversation.title,
          createdAt: new Date(conversation.createdAt),
          updatedAt: new Date(conversation.updatedAt),
          currentLeafId: conversation.currentLeafId,
          // The owner's other devices hear of it at their next poll.
          changedAt: sql`now()`,
        })),
      );
      const rows = chunk.flatMap((conversation) =>
        conversation.messages.map((message) => toMessageRow(ownerId, conversation.id, message)),
      );
      // Parents come before their children, so each statement finds the parents it refers to. Each
      // part is indexed for search in the same transaction (an answer left streaming arrives
      // interrupted: it is final too).
      for (const part of inChunks(rows)) {
        await tx.insert(messages).values(part);
        await indexMessages(tx, part);
      }
    }
    return list.map(({ id }, index) => ({ id: placed[index]?.id ?? id, sourceId: id }));
  });
}

/** The same tree under new ids: parents and the current leaf follow their messages. */
function withNewIds(conversation: ArchivedConversation): ArchivedConversation {
  const ids = new Map(conversation.messages.map((message) => [message.id, randomUUID()]));
  const renamed = (id: string) => ids.get(id) ?? id;
  return {
    ...conversation,
    id: randomUUID(),
    currentLeafId: conversation.currentLeafId === null ? null : renamed(conversation.currentLeafId),
    messages: conversation.messages.map((message) => ({
      ...message,
      id: renamed(message.id),
      parentId: message.parentId === null ? null : renamed(message.parentId),
    })),
  };
}
