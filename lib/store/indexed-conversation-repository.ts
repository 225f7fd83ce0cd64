import "server-only";
import { finishAnswer, updateAnswer } from "./answer-writes";
import type {
  ConversationRepository,
  MessageRef,
  NewMessage,
  StoredMessage,
} from "./conversation-repository";
import type { PreparedStatements } from "./prepared-statements";
import type { StoreDatabase } from "./rows";
import { indexAnswered, indexDocument, indexMessages } from "./search-index";
import { SqlConversationRepository } from "./sql-conversation-repository";

// The repository with search kept current (search-index.ts). A chat turn's question is indexed by
// the statement that stores it (begin-turn.ts), its answer by the last save's, with the text that
// save writes; a streaming answer's saves cost nothing here. An ending save that leaves the text as
// it was indexes the answer as stored, in a statement of its own. Imports and restores index
// inside their own transaction.

const ends = (status: string | undefined) => status !== undefined && status !== "streaming";

export class IndexedConversationRepository extends SqlConversationRepository {
  constructor(
    private readonly indexDb: StoreDatabase,
    private readonly indexStatements: PreparedStatements,
  ) {
    super(indexDb, indexStatements);
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

  override updateAnswer: ConversationRepository["updateAnswer"] = (ownerId, ref, runId, update) =>
    ends(update.status)
      ? this.finishAnswer(ownerId, ref, runId, update)
      : updateAnswer(this.indexStatements, ownerId, ref, runId, update);

  override finishAnswer: ConversationRepository["finishAnswer"] = async (
    ownerId,
    ref,
    runId,
    update,
    usage,
  ) => {
    const ending = ends(update.status);
    const { content } = update;
    const document = ending && content !== undefined ? indexDocument(content) : undefined;
    const finished = await finishAnswer(this.indexStatements, ownerId, ref, runId, update, usage, document);
    if (finished && ending && content === undefined) await indexAnswered(this.indexDb, [ref]);
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
