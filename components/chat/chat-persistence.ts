import type { SendOptions } from "@/lib/chat-client/chat-controller";
import type { HistoryTransfer } from "@/lib/chat-client/history-transfer";
import type { MessageFocus } from "@/lib/chat-client/server-history";
import type { UIMessage } from "@/lib/chat-client/types";
import type { ChatStream } from "@/lib/chat-client/use-chat-stream";
import type { ConversationSummary } from "./conversation-sidebar";
import type { Branching } from "./message-list";

// What the chat screen needs from wherever history lives: this browser's IndexedDB
// (use-persistent-chat.ts) or the server (use-server-chat.ts). The page says which (`history`).

export type HistoryLocation = "server" | "browser";

export interface ChatPersistence {
  chat: ChatStream;
  conversations: readonly ConversationSummary[];
  currentId: string | null;
  /** The list and the open conversation are restored. */
  ready: boolean;
  select(id: string): Promise<void>;
  startNew(): void;
  rename(id: string, title: string): void;
  remove(id: string): void;
  /** A turn's request options: with the server's history, the conversation it continues. */
  prepare(options: SendOptions, text?: string): SendOptions;
  /** Every message of the open conversation, all branches (server history only): what it cost. */
  tree?: readonly UIMessage[] | undefined;
  /** Versions of regenerated and edited messages (server history only). */
  branches?: Branching | undefined;
  /** The server could not give the history: its sentence. */
  notice?: { message: string; code: string } | undefined;
  /** History stays in this browser: the sidebar says so, and how to keep it on the server. */
  browserOnly?: boolean;
  /** The sidebar's next page, when the server has more. */
  loadMore?: (() => void) | undefined;
  /** Export and import (server history only: the browser's history has no server to export from). */
  transfer?: HistoryTransfer | undefined;
  /** Opens a conversation at a message, on its branch (server history only: search). */
  openAt?: ((id: string, messageId?: string) => Promise<void>) | undefined;
  /** The message to bring into view and mark for a moment (a search hit). */
  focus?: MessageFocus | undefined;
}
