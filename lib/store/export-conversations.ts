import "server-only";
import { and, asc, eq, gt, inArray, isNull } from "drizzle-orm";
import type { ConversationTree } from "./conversation-repository";
import { type StoreDatabase, toMessage, toSummary } from "./rows";
import { conversations, messages } from "./schema";

// An owner's history, whole, a page of conversations at a time: the export route streams each
// one out before the next page is read. Pages follow the id (the key of an index, and it never
// changes), so a conversation that gets a message while the export runs is neither skipped nor
// repeated, as it could be in the sidebar's order of activity.

const DEFAULT_PAGE = 25;

export async function* exportConversations(
  db: StoreDatabase,
  ownerId: string,
  { pageSize = DEFAULT_PAGE }: { pageSize?: number } = {},
): AsyncGenerator<ConversationTree> {
  let after: string | undefined;
  while (true) {
    const page = await db.query.conversations.findMany({
      where: and(
        eq(conversations.ownerId, ownerId),
        isNull(conversations.deletedAt),
        after === undefined ? undefined : gt(conversations.id, after),
      ),
      orderBy: asc(conversations.id),
      limit: pageSize,
    });
    if (page.length === 0) return;
    const ids = page.map((row) => row.id);
    const rows = await db.query.messages.findMany({
      where: and(eq(messages.ownerId, ownerId), inArray(messages.conversationId, ids)),
      orderBy: [asc(messages.conversationId), asc(messages.createdAt), asc(messages.id)],
    });
    // Node 20 has no Map.groupBy.
    const byConversation = new Map<string, ConversationTree["messages"]>();
    for (const row of rows) {
      const list = byConversation.get(row.conversationId) ?? [];
      list.push(toMessage(row));
      byConversation.set(row.conversationId, list);
    }
    for (const row of page) yield { ...toSummary(row), messages: byConversation.get(row.id) ?? [] };
    if (page.length < pageSize) return;
    after = page.at(-1)?.id;
  }
}
