import "server-only";
import type { AnswerUpdate, MessageRef, NewMessage, StoredMessage } from "./conversation-repository";
import type { StoreDatabase } from "./rows";
import { indexMessages, indexStored } from "./search-index";
import { SqlConversationRepository } from "./sql-conversation-repository";

// The repository with search kept current (search-index.ts): after each write that makes a
// message final, its search row. A separate statement after the write, not in its transaction:
// should it fail, the write stands and the caller hears the error (an answer's saver logs it).
// Imports index inside their own transaction (import-conversations.ts).

export class IndexedConversationRepository extends SqlConversationRepository {
  constructor(private readonly indexDb: StoreDatabase) {
    super(indexDb);
  }

  override async appendMessage(
    ownerId: string,
    conversationId: string,
    parentId: string | null,
    message: NewMessage,
  ): Promise<StoredMessage | undefined> {
    const stored = await super.appendMessage(ownerId, conversationId, parentId, message);
    if (stored && stored.status !== "streaming") {
      const { id, content, createdAt } = stored;
      await indexMessages(this.indexDb, [
        { conversationId, id, ownerId, content, createdAt: new Date(createdAt) },
      ]);
    }
    return stored;
  }

  /** An answer is indexed once, by the save that ends it. */
  override async updateAnswer(
    ownerId: string,
    ref: MessageRef,
    runId: string,
    update: AnswerUpdate,
  ): Promise<boolean> {
    const updated = await super.updateAnswer(ownerId, ref, runId, update);
    if (updated && update.status !== undefined && update.status !== "streaming") {
      await indexStored(this.indexDb, [ref]);
    }
    return updated;
  }

  /** An answer cut short keeps what it had: that much can be found. */
  override async interruptLapsed(scope?: {
    ownerId?: string;
    conversationId?: string;
  }): Promise<MessageRef[]> {
    const interrupted = await super.interruptLapsed(scope);
    if (interrupted.length > 0) await indexStored(this.indexDb, interrupted);
    return interrupted;
  }
}
