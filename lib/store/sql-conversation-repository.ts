import "server-only";
import { and, asc, desc, eq, gt, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import type {
  AnswerUpdate,
  ConversationPage,
  ConversationRepository,
  ConversationSummary,
  ConversationTree,
  MessageRef,
  NewConversation,
  NewMessage,
  PageRequest,
  StoredMessage,
} from "./conversation-repository";
import { importConversations } from "./import-conversations";
import {
  CHECK_VIOLATION,
  decodeCursor,
  encodeCursor,
  FOREIGN_KEY_VIOLATION,
  type StoreDatabase,
  sqlState,
  toMessage,
  toSummary,
  UNIQUE_VIOLATION,
} from "./rows";
import { conversations, messages } from "./schema";
import { StoreError } from "./store-error";
import { getUsage, recordUsage } from "./usage-ledger";

// The repository on Drizzle's query builder, the same code for PGlite and node-postgres. Inside a
// transaction every statement goes through `tx`: PGlite has one connection, and a statement on
// `db` would wait for the transaction that waits for it.

const DEFAULT_PAGE = 50;
const MAX_PAGE = 100;

const leaseUntil = (ttlMs: number) =>
  sql`now() + ${Math.max(0, Math.round(ttlMs))} * interval '1 millisecond'`;

export class SqlConversationRepository implements ConversationRepository {
  constructor(private readonly db: StoreDatabase) {}

  async listConversations(ownerId: string, page: PageRequest = {}): Promise<ConversationPage> {
    const limit = Math.min(Math.max(Math.trunc(page.limit ?? DEFAULT_PAGE), 1), MAX_PAGE);
    const after = page.cursor === undefined ? undefined : decodeCursor(page.cursor);
    const rows = await this.db
      .select()
      .from(conversations)
      .where(
        and(
          eq(conversations.ownerId, ownerId),
          after && sql`(${conversations.updatedAt}, ${conversations.id}) < (${after.updatedAt}, ${after.id})`,
          page.since === undefined ? undefined : gt(conversations.updatedAt, new Date(page.since)),
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

  async getConversation(ownerId: string, conversationId: string): Promise<ConversationTree | undefined> {
    const [row] = await this.db
      .select()
      .from(conversations)
      .where(and(eq(conversations.id, conversationId), eq(conversations.ownerId, ownerId)));
    if (!row) return undefined;
    const rows = await this.db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), eq(messages.ownerId, ownerId)))
      .orderBy(asc(messages.createdAt), asc(messages.id));
    return { ...toSummary(row), messages: rows.map(toMessage) };
  }

  async getPath(
    ownerId: string,
    conversationId: string,
    leafId?: string,
  ): Promise<StoredMessage[] | undefined> {
    const tree = await this.getConversation(ownerId, conversationId);
    if (!tree) return undefined;
    const leaf = leafId ?? tree.currentLeafId;
    if (leaf === null) return [];
    const byId = new Map(tree.messages.map((message) => [message.id, message]));
    const path: StoredMessage[] = [];
    // Parents exist before their children and ids never change, so the walk ends at a root.
    for (let at = byId.get(leaf); at; at = at.parentId === null ? undefined : byId.get(at.parentId)) {
      path.push(at);
    }
    return path.length === 0 ? undefined : path.reverse();
  }

  async createConversation(ownerId: string, conversation: NewConversation): Promise<ConversationSummary> {
    const [created] = await this.db
      .insert(conversations)
      .values({
        id: conversation.id,
        ownerId,
        title: conversation.title,
        createdAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .onConflictDoNothing({ target: conversations.id })
      .returning();
    if (created) return toSummary(created);
    const [existing] = await this.db
      .select()
      .from(conversations)
      .where(and(eq(conversations.id, conversation.id), eq(conversations.ownerId, ownerId)));
    if (existing) return toSummary(existing);
    throw new StoreError("conflict", `conversation ${conversation.id} exists already`);
  }

  async renameConversation(ownerId: string, conversationId: string, title: string): Promise<boolean> {
    const renamed = await this.db
      .update(conversations)
      .set({ title })
      .where(and(eq(conversations.id, conversationId), eq(conversations.ownerId, ownerId)))
      .returning({ id: conversations.id });
    return renamed.length > 0;
  }

  async deleteConversation(ownerId: string, conversationId: string): Promise<boolean> {
    const deleted = await this.db
      .delete(conversations)
      .where(and(eq(conversations.id, conversationId), eq(conversations.ownerId, ownerId)))
      .returning({ id: conversations.id });
    return deleted.length > 0;
  }

  async appendMessage(
    ownerId: string,
    conversationId: string,
    parentId: string | null,
    message: NewMessage,
  ): Promise<StoredMessage | undefined> {
    try {
      return await this.db.transaction(async (tx) => {
        const owned = await tx
          .update(conversations)
          .set({ currentLeafId: message.id, updatedAt: sql`now()` })
          .where(and(eq(conversations.id, conversationId), eq(conversations.ownerId, ownerId)))
          .returning({ id: conversations.id });
        if (owned.length === 0) return undefined;
        const [row] = await tx
          .insert(messages)
          .values({
            conversationId,
            id: message.id,
            ownerId,
            parentId,
            role: message.role,
            content: message.content ?? "",
            parts: message.parts ?? [],
            status: message.status ?? null,
            model: message.model ?? null,
            reasoning: message.reasoning ?? null,
            runId: message.lease?.runId ?? null,
            leaseExpiresAt: message.lease ? leaseUntil(message.lease.ttlMs) : null,
            streamId: message.streamId ?? null,
            createdAt: sql`now()`,
            updatedAt: sql`now()`,
          })
          .returning();
        return row && toMessage(row);
      });
    } catch (error) {
      const state = sqlState(error);
      // The parent is not in this conversation, or is the message itself.
      if (state === FOREIGN_KEY_VIOLATION || state === CHECK_VIOLATION) return undefined;
      if (state === UNIQUE_VIOLATION) {
        throw new StoreError("conflict", `message ${message.id} exists already`, { cause: error });
      }
      throw error;
    }
  }

  async setCurrentLeaf(ownerId: string, conversationId: string, messageId: string): Promise<boolean> {
    const set = await this.db
      .update(conversations)
      .set({ currentLeafId: messageId })
      .where(
        and(
          eq(conversations.id, conversationId),
          eq(conversations.ownerId, ownerId),
          sql`exists (select 1 from ${messages} where ${messages.conversationId} = ${conversationId} and ${messages.id} = ${messageId})`,
        ),
      )
      .returning({ id: conversations.id });
    return set.length > 0;
  }

  async updateAnswer(
    ownerId: string,
    ref: MessageRef,
    runId: string,
    update: AnswerUpdate,
  ): Promise<boolean> {
    const { leaseTtlMs, ...fields } = update;
    const ends = update.status !== undefined && update.status !== "streaming";
    const lease = ends
      ? { runId: null, leaseExpiresAt: null, streamId: null }
      : leaseTtlMs === undefined
        ? {}
        : { leaseExpiresAt: leaseUntil(leaseTtlMs) };
    const updated = await this.db
      .update(messages)
      .set({ ...fields, ...lease, updatedAt: sql`now()` })
      .where(and(this.owned(ownerId, ref), eq(messages.status, "streaming"), eq(messages.runId, runId)))
      .returning({ id: messages.id });
    return updated.length > 0;
  }

  async claimLease(ownerId: string, ref: MessageRef, runId: string, ttlMs: number): Promise<boolean> {
    const free = or(isNull(messages.runId), eq(messages.runId, runId), this.lapsed());
    return this.setLease(and(this.owned(ownerId, ref), free), runId, ttlMs);
  }

  async renewLease(ownerId: string, ref: MessageRef, runId: string, ttlMs: number): Promise<boolean> {
    return this.setLease(and(this.owned(ownerId, ref), eq(messages.runId, runId)), runId, ttlMs);
  }

  async interruptLapsed(scope: { ownerId?: string; conversationId?: string } = {}): Promise<MessageRef[]> {
    const rows = await this.db
      .update(messages)
      .set({
        status: "interrupted",
        runId: null,
        leaseExpiresAt: null,
        streamId: null,
        updatedAt: sql`now()`,
      })
      .where(
        and(
          eq(messages.status, "streaming"),
          this.lapsed(),
          scope.ownerId === undefined ? undefined : eq(messages.ownerId, scope.ownerId),
          scope.conversationId === undefined ? undefined : eq(messages.conversationId, scope.conversationId),
        ),
      )
      .returning({ conversationId: messages.conversationId, messageId: messages.id });
    return rows;
  }

  recordUsage: ConversationRepository["recordUsage"] = (ownerId, record) =>
    recordUsage(this.db, ownerId, record);

  getUsage: ConversationRepository["getUsage"] = (ownerId, ref) => getUsage(this.db, ownerId, ref);

  importConversations: ConversationRepository["importConversations"] = (ownerId, list) =>
    importConversations(this.db, ownerId, list);

  private owned(ownerId: string, ref: MessageRef): SQL | undefined {
    return and(
      eq(messages.conversationId, ref.conversationId),
      eq(messages.id, ref.messageId),
      eq(messages.ownerId, ownerId),
    );
  }

  /** By the database's clock, which every instance shares. */
  private lapsed(): SQL | undefined {
    return or(isNull(messages.leaseExpiresAt), lte(messages.leaseExpiresAt, sql`now()`));
  }

  private async setLease(where: SQL | undefined, runId: string, ttlMs: number): Promise<boolean> {
    const set = await this.db
      .update(messages)
      .set({ runId, leaseExpiresAt: leaseUntil(ttlMs) })
      .where(and(where, eq(messages.status, "streaming")))
      .returning({ id: messages.id });
    return set.length > 0;
  }
}
