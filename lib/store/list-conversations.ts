import "server-only";
import { and, asc, desc, eq, gt, isNull, sql } from "drizzle-orm";
import type { ConversationPage, PageRequest } from "./conversation-repository";
import { decodeCursor, encodeCursor, type StoreDatabase, toSummary } from "./rows";
import { conversations } from "./schema";

// The sidebar's pages (newest activity first) and the feed a device catches up from (`since`: what
// changed after a time, deleted conversations included, oldest change first), both in keyset pages.

const DEFAULT_PAGE = 50;
const MAX_PAGE = 100;

export async function listConversations(
  db: StoreDatabase,
  ownerId: string,
  page: PageRequest = {},
): Promise<ConversationPage> {
  const limit = Math.min(Math.max(Math.trunc(page.limit ?? DEFAULT_PAGE), 1), MAX_PAGE);
  const after = page.cursor === undefined ? undefined : decodeCursor(page.cursor);
  if (page.since !== undefined) return changedSince(db, ownerId, page.since, limit, after);
  const rows = await db
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.ownerId, ownerId),
        isNull(conversations.deletedAt),
        after && sql`(${conversations.updatedAt}, ${conversations.id}) < (${after.at}, ${after.id})`,
      ),
    )
    .orderBy(desc(conversations.updatedAt), desc(conversations.id))
    .limit(limit + 1);
  return pageOf(rows, limit, (row) => row.updatedAt);
}

/**
 * Oldest change first, in pages with a cursor like the sidebar's, so that a device reads every
 * change after `since` however many there are (an import of 200 conversations changes them all
 * in one millisecond).
 */
async function changedSince(
  db: StoreDatabase,
  ownerId: string,
  since: number,
  limit: number,
  after: { at: Date; id: string } | undefined,
): Promise<ConversationPage> {
  const rows = await db
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.ownerId, ownerId),
        gt(conversations.changedAt, new Date(since)),
        after && sql`(${conversations.changedAt}, ${conversations.id}) > (${after.at}, ${after.id})`,
      ),
    )
    .orderBy(asc(conversations.changedAt), asc(conversations.id))
    .limit(limit + 1);
  return pageOf(rows, limit, (row) => row.changedAt);
}

/** `limit` of the rows read (one more than a page, to know there is another) and the cursor after them. */
function pageOf(
  rows: (typeof conversations.$inferSelect)[],
  limit: number,
  sortTime: (row: typeof conversations.$inferSelect) => Date,
): ConversationPage {
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    conversations: shown.map(toSummary),
    ...(rows.length > limit && last ? { nextCursor: encodeCursor({ at: sortTime(last), id: last.id }) } : {}),
  };
}
