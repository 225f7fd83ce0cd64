import "server-only";
import { finishAnswer, updateAnswer } from "./answer-writes";
import type {
  ConversationRepository,
  MessageRef,
  NewMessage,
  StoredMessage,
} from "./conversation-repository";
import type { StoreDatabase } from "./rows";
import { indexAnswered, indexMessages } from "./search-index";
import { SqlConversationRepository } from "./sql-conversation-repository";

// The repository with search kept current (search-index.ts). A chat turn is indexed when its
// answer ends: the answer and its question in one statement after the last save, so nothing is
// added before the model is called, and a streaming answer's saves cost nothing here. A separate
// statement, not in the save's transaction: should it fail, the save stands and the caller hears
// the error (an answer's saver logs it). Imports and restores index inside their own transaction.

const ends = (status: string | undefined) => status !== undefined && status !== "streaming";

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

  override updateAnswer: ConversationRepository["updateAnswer"] = async (ownerId, ref, runId, update) => {
    const updated = await updateAnswer(this.indexDb, ownerId, ref, runId, update);
    if (updated && ends(update.status)) await indexAnswered(this.indexDb, [ref]);
    return updated;
  };

  override finishAnswer: ConversationRepository["finishAnswer"] = async (
    ownerId,
    ref,
    runId,
    update,
    usage,
  ) => {
    const finished = await finishAnswer(this.indexDb, ownerId, ref, runId, update, usage);
    if (finished && ends(update.status)) await indexAnswered(this.indexDb, [ref]);
    return finished;
  };

  /** An answer cut short keeps what it had: that much can be found, and its question. */
  override async interruptLapsed(scope?: {
    ownerId?: string;
    conversationId?: string;
  }): Promise<MessageRef[]> {
    const interrupted = await super.interruptLapsed(scope);
    if (interrupted.length > 0) await indexAnswered(this.indexDb, interrupted);
    return interrupted;
  }
}
