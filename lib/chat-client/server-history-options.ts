import type { ConversationSummary, HistoryApi, TreeMessage } from "./history-api";
import type { HistoryCache } from "./history-cache";
import type { ImportOutcome } from "./history-import";
import type { SyncOptions } from "./history-sync";
import type { UIMessage } from "./types";

// What ServerHistory (server-history.ts) shows and what it is given.

export interface ServerHistorySnapshot {
  conversations: ConversationSummary[];
  currentId: string | null;
  /** The open conversation's tree: every branch. */
  messages: TreeMessage[];
  /** Something true can be shown: a new chat, the open conversation's cached copy, or the server's. */
  ready: boolean;
  notice: { message: string; code: string } | undefined;
  /** Where the sidebar's next page starts; undefined when it has them all. */
  nextCursor: string | undefined;
  /** A message to bring into view (a search hit); `key` is new for each time it is asked. */
  focus: MessageFocus | undefined;
}

export interface MessageFocus {
  messageId: string;
  key: number;
}

/** The chat controller, as far as history needs it. */
export interface ChatHandle {
  setMessages(messages: UIMessage[]): void;
  /** An answer runs in this tab: what it shows must not be swapped underneath it. */
  busy(): boolean;
}

export type Navigation = "push" | "replace" | "none";

export interface ServerHistoryOptions {
  api: Pick<HistoryApi, "list" | "load" | "update" | "remove">;
  cache: HistoryCache;
  chat: ChatHandle;
  /** Shows `/c/<id>` (or `/` for null) in the address bar; `/c/<id>?m=<messageId>` for a message. */
  navigate(id: string | null, how: "push" | "replace", messageId?: string): void;
  importLocal?: () => Promise<ImportOutcome>;
  sync?: Omit<SyncOptions, "api" | "onChanged">;
  now?: () => number;
  createId?: () => string;
}
