import "server-only";
import type { ImportedConversation, ImportedMessage, ImportResult } from "./conversation-repository";
import type { StoreDatabase } from "./rows";
import { conversations, messages } from "./schema";
import { indexMessages } from "./search-index";

// The one-time move of a browser's IndexedDB history to the server. A conversation arrives whole
// or not at all, once: an id that exists (imported before, or another owner's) is skipped and
// left as it is. Its messages were one branch, so each one's parent is the one before it. They
// arrive final, so they are indexed for search with them.

// Rows per INSERT: far below PostgreSQL's 65,535 parameters at 17 columns a message.
const ROWS_PER_STATEMENT = 500;

export async function importConversations(
  db: StoreDatabase,
  ownerId: string,
  list: ImportedConversation[],
): Promise<ImportResult> {
  const unique = [...new Map(list.map((conversation) => [conversation.id, conversation])).values()];
  const imported = new Set<string>();
  if (unique.length > 0) {
    await db.transaction(async (tx) => {
      for (const chunk of chunks(unique, ROWS_PER_STATEMENT)) {
        const inserted = await tx
          .insert(conversations)
          .values(chunk.map((conversation) => conversationRow(ownerId, conversation)))
          .onConflictDoNothing({ target: conversations.id })
          .returning({ id: conversations.id });
        for (const { id } of inserted) imported.add(id);
        const rows = chunk
          .filter((conversation) => imported.has(conversation.id))
          .flatMap((conversation) => conversation.messages.map(messageRow(ownerId, conversation.id)));
        for (const part of chunks(rows, ROWS_PER_STATEMENT)) {
          await tx.insert(messages).values(part);
          // In the same transaction: an import that is skipped when repeated is indexed now or never.
          await indexMessages(tx, part);
        }
      }
    });
  }
  return {
    imported: unique.filter((c) => imported.has(c.id)).map((c) => c.id),
    skipped: unique.filter((c) => !imported.has(c.id)).map((c) => c.id),
  };
}

function conversationRow(ownerId: string, conversation: ImportedConversation) {
  return {
    id: conversation.id,
    ownerId,
    title: conversation.title,
    createdAt: new Date(conversation.createdAt),
    updatedAt: new Date(conversation.updatedAt),
    currentLeafId: conversation.messages.at(-1)?.id ?? null,
  };
}

function messageRow(ownerId: string, conversationId: string) {
  return (message: ImportedMessage, index: number, all: ImportedMessage[]) => ({
    conversationId,
    id: message.id,
    ownerId,
    parentId: all[index - 1]?.id ?? null,
    role: message.role,
    content: message.content,
    parts: message.parts,
    // No run of this server was writing it.
    status: message.status === "streaming" ? ("interrupted" as const) : (message.status ?? null),
    model: message.model ?? null,
    reasoning: message.reasoning ?? null,
    stats: message.stats ?? null,
    finishReason: message.finishReason ?? null,
    error: message.error ?? null,
    createdAt: new Date(message.createdAt),
    updatedAt: new Date(message.createdAt),
  });
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
