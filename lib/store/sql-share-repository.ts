import "server-only";
import { randomBytes } from "node:crypto";
import { and, desc, eq, isNull, type SQL, sql } from "drizzle-orm";
import type { ConversationRepository, StoredMessage } from "./conversation-repository";
import type { StoreDatabase } from "./rows";
import { conversations, shares } from "./schema";
import {
  type CreateShareResult,
  SHARE_LIST_LIMIT,
  type SharedConversation,
  type SharedMessage,
  type ShareRepository,
  type ShareSummary,
} from "./share-repository";

// Share links on Drizzle, the same code for PGlite and node-postgres. The copy is read through the
// conversation repository (its owner check, its path), then kept whole in one jsonb column.

/** 128 random bits: a link cannot be guessed, only given. */
export function newShareId(): string {
  return randomBytes(16).toString("base64url");
}

export class SqlShareRepository implements ShareRepository {
  constructor(
    private readonly db: StoreDatabase,
    private readonly conversations: ConversationRepository,
  ) {}

  async createShare(ownerId: string, conversationId: string): Promise<CreateShareResult> {
    const tree = await this.conversations.getConversation(ownerId, conversationId);
    if (!tree) return { ok: false, reason: "not_found" };
    const path =
      tree.currentLeafId === null
        ? []
        : await this.conversations.getPath(ownerId, conversationId, tree.currentLeafId);
    if (!path) return { ok: false, reason: "not_found" };
    if (path.some((message) => message.status === "streaming")) return { ok: false, reason: "streaming" };
    const messages = path.map(toSharedMessage);
    const [row] = await this.db
      .insert(shares)
      .values({
        id: newShareId(),
        ownerId,
        conversationId,
        conversationCreatedAt: new Date(tree.createdAt),
        title: tree.title,
        messages,
        createdAt: sql`now()`,
      })
      .returning({ id: shares.id, createdAt: shares.createdAt });
    if (!row) throw new Error("the share was not stored");
    return {
      ok: true,
      share: {
        id: row.id,
        conversationId,
        title: tree.title,
        createdAt: row.createdAt.getTime(),
        messageCount: messages.length,
      },
    };
  }

  async listShares(ownerId: string): Promise<ShareSummary[]> {
    const rows = await this.db
      .select({
        id: shares.id,
        conversationId: shares.conversationId,
        title: shares.title,
        createdAt: shares.createdAt,
        messageCount: sql<number>`jsonb_array_length(${shares.messages})::int`,
      })
      .from(shares)
      .innerJoin(conversations, this.ofItsConversation())
      .where(eq(shares.ownerId, ownerId))
      .orderBy(desc(shares.createdAt), desc(shares.id))
      .limit(SHARE_LIST_LIMIT);
    return rows.map((row) => ({ ...row, createdAt: row.createdAt.getTime() }));
  }

  async getShare(shareId: string): Promise<SharedConversation | undefined> {
    const [row] = await this.db
      .select({ id: shares.id, title: shares.title, createdAt: shares.createdAt, messages: shares.messages })
      .from(shares)
      .innerJoin(conversations, this.ofItsConversation())
      .where(eq(shares.id, shareId));
    return row && { ...row, createdAt: row.createdAt.getTime() };
  }

  async revokeShare(ownerId: string, shareId: string): Promise<boolean> {
    const revoked = await this.db
      .delete(shares)
      .where(and(eq(shares.id, shareId), eq(shares.ownerId, ownerId)))
      .returning({ id: shares.id });
    return revoked.length > 0;
  }

  /** The conversation the link was made from, as it was then, and not deleted since. */
  private ofItsConversation(): SQL | undefined {
    return and(
      eq(conversations.ownerId, shares.ownerId),
      eq(conversations.id, shares.conversationId),
      eq(conversations.createdAt, shares.conversationCreatedAt),
      isNull(conversations.deletedAt),
    );
  }
}

function toSharedMessage({
  parentId: _parentId,
  updatedAt: _updatedAt,
  lease: _lease,
  streamId: _streamId,
  ...message
}: StoredMessage): SharedMessage {
  return message;
}
