import type { StoredMessage } from "./conversation-repository";

// Share links (PROTOCOL.md section 13): a read-only copy of one conversation's current branch,
// published under an unguessable id. The copy is taken when the link is made: what the owner
// adds, edits, regenerates or switches to afterwards never shows through it. Only the owner lists
// and revokes their links; reading one needs its id and nothing else (no owner).

/** A message as a link shows it: its place is its order; the server's bookkeeping stays out. */
export type SharedMessage = Omit<StoredMessage, "parentId" | "updatedAt" | "lease" | "streamId">;

/** A link in its owner's list. Times are milliseconds since the epoch. */
export interface ShareSummary {
  id: string;
  conversationId: string;
  /** The conversation's title when the link was made. */
  title: string;
  createdAt: number;
  messageCount: number;
}

/** What the public page shows: the copy, root first. */
export interface SharedConversation {
  id: string;
  title: string;
  createdAt: number;
  messages: SharedMessage[];
}

export type CreateShareResult =
  | { ok: true; share: ShareSummary }
  /** `not_found`: no such conversation of this owner. `streaming`: its answer is still being written. */
  | { ok: false; reason: "not_found" | "streaming" };

/** At most this many of an owner's links are listed, newest first. */
export const SHARE_LIST_LIMIT = 200;

export interface ShareRepository {
  /** Copies the conversation's current branch under a new id (128 random bits, base64url). */
  createShare(ownerId: string, conversationId: string): Promise<CreateShareResult>;
  /** The owner's links, newest first; links of deleted conversations are gone. */
  listShares(ownerId: string): Promise<ShareSummary[]>;
  /**
   * A link's copy, for anyone holding its id; undefined when it never existed, was revoked, or its
   * conversation was deleted (deleting a conversation drops its links).
   */
  getShare(shareId: string): Promise<SharedConversation | undefined>;
  /** false when the link is not this owner's (or no longer exists). */
  revokeShare(ownerId: string, shareId: string): Promise<boolean>;
}
