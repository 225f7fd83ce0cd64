import "server-only";
import { and, asc, eq, inArray, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import { finishAnswer, leaseUntil, renewLease, updateAnswer } from "./answer-writes";
import { beginTurn } from "./begin-turn";
import type {
  ConversationRepository,
  ConversationSummary,
  ConversationTree,
  MessageRef,
  NewConversation,
  NewMessage,
  StoredMessage,
} from "./conversation-repository";
import { importConversations } from "./import-conversations";
import { listConversations } from "./list-conversations";
import { pathTo } from "./path-to";
import type { PreparedStatements } from "./prepared-statements";
import {
  CHECK_VIOLATION,
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

// The repository on Drizzle's query builder, the same code for PGlite and node-postgres, but for
// the statements every streamed answer runs, which are prepared (prepared-statements.ts). Inside a
// transaction every statement goes through `tx`: PGlite has one connection, and a statement on
// `db` would wait for the transaction that waits for it.

export class SqlConversationRepository implements ConversationRepository {
  constructor(
    private readonly db: StoreDatabase,
    private readonly statements: PreparedStatements,
  ) {}

  listConversations: ConversationRepository["listConversations"] = (ownerId, page) =>
    listConversations(this.db, ownerId, page);

  async getConversation(ownerId: string, conversationId: string): Promise<ConversationTree | undefined> {
    const [row] = await this.db.select().from(conversations).where(this.live(ownerId, conversationId));
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
    let leaf = leafId;
    if (leaf === undefined) {
      const [row] = await this.db
        .select({ currentLeafId: conversations.currentLeafId })
        .from(conversations)
        .where(this.live(ownerId, conversationId));
      if (!row) return undefined;
      if (row.currentLeafId === null) return [];
      leaf = row.currentLeafId;
    }
    const path = await pathTo(this.statements, ownerId, conversationId, leaf);
    return path.length === 0 ? undefined : path;
  }

  beginTurn: ConversationRepository["beginTurn"] = (ownerId, turn) =>
    beginTurn(this.statements, ownerId, turn);

  async createConversation(ownerId: string, conversation: NewConversation): Promise<ConversationSummary> {
    const now = sql`now()`;
    const [created] = await this.db
      .insert(conversations)
      .values({
        id: conversation.id,
        ownerId,
        title: conversation.title,
        createdAt: now,
        updatedAt: now,
        changedAt: now,
      })
      // The owner's own deleted conversation of this id starts again, empty.
      .onConflictDoUpdate({
        target: conversations.id,
        set: { title: conversation.title, createdAt: now, updatedAt: now, changedAt: now, deletedAt: null },
        setWhere: sql`${conversations.deletedAt} is not null and ${conversations.ownerId} = ${ownerId}`,
      })
      .returning();
    if (created) return toSummary(created);
    const [existing] = await this.db.select().from(conversations).where(this.live(ownerId, conversation.id));
    if (existing) return toSummary(existing);
    throw new StoreError("conflict", `conversation ${conversation.id} exists already`);
  }

  async renameConversation(ownerId: string, conversationId: string, title: string): Promise<boolean> {
    const renamed = await this.db
      .update(conversations)
      .set({ title, changedAt: sql`now()` })
      .where(this.live(ownerId, conversationId))
      .returning({ id: conversations.id });
    return renamed.length > 0;
  }

  /** Its messages go; the conversation's row stays as a tombstone: no title, no leaf. */
  async deleteConversation(ownerId: string, conversationId: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const deleted = await tx
        .update(conversations)
        .set({ title: "", currentLeafId: null, deletedAt: sql`now()`, changedAt: sql`now()` })
        .where(this.live(ownerId, conversationId))
        .returning({ id: conversations.id });
      if (deleted.length === 0) return false;
      await tx
        .delete(messages)
        .where(and(eq(messages.conversationId, conversationId), eq(messages.ownerId, ownerId)));
      return true;
    });
  }

  async purgeDeleted(before: number): Promise<number> {
    const purged = await this.db
      .delete(conversations)
      .where(lte(conversations.deletedAt, new Date(before)))
      .returning({ id: conversations.id });
    return purged.length;
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
          .set({ currentLeafId: message.id, updatedAt: sql`now()`, changedAt: sql`now()` })
          .where(this.live(ownerId, conversationId))
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
            effort: message.effort ?? null,
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
      .set({ currentLeafId: messageId, changedAt: sql`now()` })
      .where(
        and(
          this.live(ownerId, conversationId),
          sql`exists (select 1 from ${messages} where ${messages.conversationId} = ${conversationId} and ${messages.id} = ${messageId})`,
        ),
      )
      .returning({ id: conversations.id });
    return set.length > 0;
  }

  updateAnswer: ConversationRepository["updateAnswer"] = (ownerId, ref, runId, update) =>
    updateAnswer(this.statements, ownerId, ref, runId, update);

  finishAnswer: ConversationRepository["finishAnswer"] = (ownerId, ref, runId, update, usage) =>
    finishAnswer(this.statements, ownerId, ref, runId, update, usage);

  async claimLease(ownerId: string, ref: MessageRef, runId: string, ttlMs: number): Promise<boolean> {
    const free = or(isNull(messages.runId), eq(messages.runId, runId), this.lapsed());
    return this.setLease(and(this.owned(ownerId, ref), free), runId, ttlMs);
  }

  renewLease: ConversationRepository["renewLease"] = (ownerId, ref, runId, ttlMs) =>
    renewLease(this.statements, ownerId, ref, runId, ttlMs);

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
    // A device showing one of these hears that its answer ended. Rare: only after a crash.
    if (rows.length > 0) {
      const ids = [...new Set(rows.map((row) => row.conversationId))];
      await this.db
        .update(conversations)
        .set({ changedAt: sql`now()` })
        .where(inArray(conversations.id, ids));
    }
    return rows;
  }

  recordUsage: ConversationRepository["recordUsage"] = (ownerId, record) =>
    recordUsage(this.db, ownerId, record);

  getUsage: ConversationRepository["getUsage"] = (ownerId, ref) => getUsage(this.db, ownerId, ref);

  importConversations: ConversationRepository["importConversations"] = (ownerId, list) =>
    importConversations(this.db, ownerId, list);

  /** An owner's conversation that is not deleted. */
  private live(ownerId: string, conversationId: string): SQL | undefined {
    return and(
      eq(conversations.id, conversationId),
      eq(conversations.ownerId, ownerId),
      isNull(conversations.deletedAt),
    );
  }

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
