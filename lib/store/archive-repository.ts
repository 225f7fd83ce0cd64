import type { ConversationTree, StoredMessage } from "./conversation-repository";

// Whole conversations out of the store and back in (PROTOCOL.md section 12): an owner's export,
// and the restore of such a file into the owner who imports it, and only that owner.

/** A message as an export file holds it: every field the server keeps, but a run's bookkeeping. */
export type ArchivedMessage = Omit<StoredMessage, "lease" | "streamId">;

/** A conversation as an export file holds it: the whole tree and the message it shows. */
export interface ArchivedConversation {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  currentLeafId: string | null;
  /** Parents before their children, as restoreConversations checks (export-file.ts). */
  messages: ArchivedMessage[];
}

export interface RestoredConversation {
  /** Its id here: the file's, or a new one when the file's was taken. */
  id: string;
  /** The id the file gave it. */
  sourceId: string;
}

export interface ArchiveRepository {
  /**
   * Every live conversation of the owner, whole, read from the database a page at a time, so a
   * large history is never held at once. Not a snapshot: a conversation changed while the export
   * runs is exported as it was when its page was read.
   */
  exportConversations(ownerId: string, options?: { pageSize?: number }): AsyncIterable<ConversationTree>;
  /**
   * Into `ownerId` only, in one transaction: all of them or none. A conversation whose id exists
   * (this owner's, another's, or a deleted one's) gets a new id, and so do its messages, with
   * parents and the current leaf following. A message left streaming arrives interrupted.
   * The list must be valid (export-file.ts): parents in the same conversation and before their
   * children, ids unique, the leaf one of its messages.
   */
  restoreConversations(ownerId: string, list: ArchivedConversation[]): Promise<RestoredConversation[]>;
}
