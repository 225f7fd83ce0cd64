import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { StoreDatabase } from "./rows";
import { conversations, messageSearch, messages } from "./schema";
import type { SearchHit, SearchRepository, SearchRequest } from "./search-repository";
import { snippetOf } from "./search-snippet";
import { containsPattern, searchTerms } from "./search-text";

// Search on both databases alike: the GIN index over each message's terms narrows the rows, the
// folded body's LIKE decides (search-text.ts). Titles are few per owner (the sidebar's rows), so
// they are read through the owner's index and matched with LIKE on lower(title).

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 50;

export class SqlSearchRepository implements SearchRepository {
  constructor(private readonly db: StoreDatabase) {}

  async search(ownerId: string, request: SearchRequest): Promise<SearchHit[]> {
    const limit = Math.min(Math.max(Math.trunc(request.limit ?? DEFAULT_LIMIT), 1), MAX_LIMIT);
    const terms = searchTerms(request.query);
    if (terms.folded.trim() === "") return [];
    const pattern = containsPattern(terms.folded);
    const [titles, found] = await Promise.all([
      this.titles(ownerId, pattern, limit),
      this.messages(ownerId, terms.tsquery, pattern, limit),
    ]);
    const hits: SearchHit[] = [
      ...titles.map((row) => ({
        conversationId: row.id,
        title: row.title,
        ...highlighted(row.title, terms.folded),
        at: row.updatedAt.getTime(),
      })),
      ...found.map((row) => ({
        conversationId: row.conversationId,
        title: row.title,
        messageId: row.messageId,
        role: row.role,
        ...highlighted(row.content, terms.folded),
        at: row.createdAt.getTime(),
      })),
    ];
    return hits.sort((a, b) => b.at - a.at).slice(0, limit);
  }

  private titles(ownerId: string, pattern: string, limit: number) {
    return this.db
      .select({ id: conversations.id, title: conversations.title, updatedAt: conversations.updatedAt })
      .from(conversations)
      .where(
        and(
          eq(conversations.ownerId, ownerId),
          isNull(conversations.deletedAt),
          sql`lower(${conversations.title}) like ${pattern}`,
        ),
      )
      .orderBy(desc(conversations.updatedAt), desc(conversations.id))
      .limit(limit);
  }

  private messages(ownerId: string, tsquery: string | null, pattern: string, limit: number) {
    return this.db
      .select({
        conversationId: messageSearch.conversationId,
        messageId: messageSearch.messageId,
        createdAt: messageSearch.createdAt,
        title: conversations.title,
        role: messages.role,
        content: messages.content,
      })
      .from(messageSearch)
      .innerJoin(
        messages,
        and(
          eq(messages.conversationId, messageSearch.conversationId),
          eq(messages.id, messageSearch.messageId),
        ),
      )
      .innerJoin(
        conversations,
        and(
          eq(conversations.ownerId, messageSearch.ownerId),
          eq(conversations.id, messageSearch.conversationId),
        ),
      )
      .where(
        and(
          eq(messageSearch.ownerId, ownerId),
          // A query of punctuation alone has no terms: the LIKE reads the owner's rows.
          tsquery === null ? undefined : sql`${messageSearch.terms} @@ ${tsquery}::tsquery`,
          sql`${messageSearch.body} like ${pattern}`,
          isNull(conversations.deletedAt),
        ),
      )
      .orderBy(desc(messageSearch.createdAt), desc(messageSearch.messageId))
      .limit(limit);
  }
}

function highlighted(text: string, foldedQuery: string) {
  const { text: snippet, highlights } = snippetOf(text, foldedQuery);
  return { snippet, highlights };
}
