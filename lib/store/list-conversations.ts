import "server-only";
import { and, asc, desc, eq, gt, isNull, sql } from "drizzle-orm";
import type { ConversationPage, PageRequest } from "./conversation-repository";
import { decodeCursor, encodeCursor, type StoreDatabase, toSummary } from "./rows";
import { conversations } from "./schema";

// The sidebar's pages (newest activity first, keyset cursors) and the feed a device catches up
// from (`since`: what changed after a time, deleted conversations included, oldest change first).

const DEFAULT_PAGE = 50;
const MAX_PAGE = 100;

export async function listConversations(
  db: StoreDatabase,
  ownerId: string,
  page: PageRequest = {},
): Promise<ConversationPage> {
  const limit = Math.min(Math.max(Math.trunc(page.limit ?? DEFAULT_PAGE), 1), MAX_PAGE);
  if (page.since !== undefined) return changedSince(db, ownerId, page.since, limit);
  const after = page.cursor === undefined ? undefined : decodeCursor(page.cursor);
  const rows = await db
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.ownerId, ownerId),
        isNull(conversations.deletedAt),
        after && sql`(${conversations.updatedAt}, ${conversations.id}) < (${after.updatedAt}, ${after.id})`,
      ),
    )
    .orderBy(desc(conversations.updatedAt), desc(conversations.id))
    .limit(limit + 1);
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    conversations: shown.map(toSummary),
    ...(rows.length > limit && last ? { nextCursor: encodeCursor(last) } : {}),
  };
}

/**
 * Oldest change first, so a device that asks again from the last `changedAt` it got misses
 * nothing, however many changed: a full page means there is more to ask for at once.
 */
async function changedSince(
  db: StoreDatabase,
  ownerId: string,
  since: number,
  limit: number,
): Promise<ConversationPage> {
  const rows = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.ownerId, ownerId), gt(conversations.changedAt, new Date(since))))
    .orderBy(asc(conversations.changedAt), asc(conversations.id))
    .limit(limit);
  return { conversations: rows.map(toSummary) };
}
