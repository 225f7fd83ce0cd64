import type { MessageRole } from "./conversation-repository";

// Finding an owner's conversations by their titles and their messages' text (PROTOCOL.md section
// 11), whichever database holds them (search-repository.contract.ts). What is searched: a user's
// messages and the text of answers that have ended, not reasoning or tool results (search-text.ts
// says how text becomes terms). An owner only ever finds their own.

export interface SearchRequest {
  /** What the owner typed: case, width and spacing do not matter; its words are matched by their start. */
  query: string;
  /** 1 to 50; 20 when absent. */
  limit?: number;
}

export interface SearchHit {
  conversationId: string;
  /** The conversation's title. */
  title: string;
  /** The message that matched; absent when the title did. */
  messageId?: string;
  role?: MessageRole;
  /** One line of the message (or the title) around the first match. */
  snippet: string;
  /** Where the matches are in `snippet`: [start, end) in UTF-16 units. */
  highlights: [number, number][];
  /** The message's time, or the conversation's last activity for a title (ms since the epoch). */
  at: number;
}

export interface SearchRepository {
  /** Newest first, titles and messages together. */
  search(ownerId: string, request: SearchRequest): Promise<SearchHit[]>;
}
