import "server-only";
import { and, desc, eq, isNull, or, sql } from "drizzle-orm";
import type { StoreDatabase } from "./rows";
import { conversations, messageSearch, messages } from "./schema";
import type { SearchHit, SearchRepository, SearchRequest } from "./search-repository";
import { snippetOf } from "./search-snippet";
import { containsPattern, searchTerms } from "./search-text";

// Search on both databases alike: the folded body's LIKE decides what matches (search-text.ts);
// the newest messages are read first, then the GIN index over the terms finds the rest. Titles are few per owner (the sidebar's rows), so
// they are read through the owner's index and matched with LIKE, folded in SQL (NFKC, lower()).

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 50;
/** The newest messages read in order before the index is asked (recentMatches). */
const RECENT_WINDOW = 4_000;

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
          sql`lower(normalize(${conversations.title}, NFKC)) like ${pattern}`,
        ),
      )
      .orderBy(desc(conversations.updatedAt), desc(conversations.id))
      .limit(limit);
  }

  /** The newest matching messages, with what a hit shows of them. */
  private async messages(ownerId: string, tsquery: string | null, pattern: string, limit: number) {
    let found = await this.recentMatches(ownerId, pattern, limit);
    if (found.length < limit) found = await this.indexedMatches(ownerId, tsquery, pattern, limit);
    if (found.length === 0) return [];
    const rows = await this.db
      .select({
        conversationId: messages.conversationId,
        messageId: messages.id,
        role: messages.role,
        content: messages.content,
        title: conversations.title,
      })
      .from(messages)
      .innerJoin(
        conversations,
        and(eq(conversations.ownerId, ownerId), eq(conversations.id, messages.conversationId)),
      )
      .where(
        and(
          or(
            ...found.map((f) =>
              and(eq(messages.conversationId, f.conversationId), eq(messages.id, f.messageId)),
            ),
          ),
          isNull(conversations.deletedAt),
        ),
      );
    const byKey = new Map(rows.map((row) => [`${row.conversationId}/${row.messageId}`, row]));
    return found.flatMap((f) => {
      const row = byKey.get(`${f.conversationId}/${f.messageId}`);
      return row ? [{ ...row, createdAt: f.createdAt }] : [];
    });
  }

  /**
   * A frequent term is found among the newest messages: reading those in order (their rows lie
   * together, written in time order) is quicker than fetching every row the index names.
   */
  private recentMatches(ownerId: string, pattern: string, limit: number) {
    const recent = this.db
      .select({
        conversationId: messageSearch.conversationId,
        messageId: messageSearch.messageId,
        createdAt: messageSearch.createdAt,
        body: messageSearch.body,
      })
      .from(messageSearch)
      .where(eq(messageSearch.ownerId, ownerId))
      .orderBy(desc(messageSearch.createdAt), desc(messageSearch.messageId))
      .limit(RECENT_WINDOW)
      .as("recent");
    return this.db
      .select({
        conversationId: recent.conversationId,
        messageId: recent.messageId,
        createdAt: recent.createdAt,
      })
      .from(recent)
      .where(sql`${recent.body} like ${pattern}`)
      .orderBy(desc(recent.createdAt), desc(recent.messageId))
      .limit(limit);
  }

  /** A rarer one through the index: its terms narrow the rows, the folded text decides. */
  private indexedMatches(ownerId: string, tsquery: string | null, pattern: string, limit: number) {
    return this.db
      .select({
        conversationId: messageSearch.conversationId,
        messageId: messageSearch.messageId,
        createdAt: messageSearch.createdAt,
      })
      .from(messageSearch)
      .where(
        and(
          eq(messageSearch.ownerId, ownerId),
          // A query of punctuation alone has no terms: the LIKE reads the owner's rows.
          tsquery === null ? undefined : sql`${messageSearch.terms} @@ ${tsquery}::tsquery`,
          sql`${messageSearch.body} like ${pattern}`,
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
