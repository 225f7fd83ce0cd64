import { idbTable } from "./idb-table";
import { finishMessage } from "./reduce-event";
import type { Conversation, UIMessage } from "./types";

// Conversations live in the browser's IndexedDB (preferences, in localStorage, are preferences.ts)
// when the server keeps no history; with server history this store is only what the one-time
// import moves (history-import.ts). Without IndexedDB the chat still works, just without history.

export interface ConversationBackend {
  get(id: string): Promise<Conversation | undefined>;
  set(conversation: Conversation): Promise<void>;
  delete(id: string): Promise<void>;
  all(): Promise<Conversation[]>;
}

export interface ConversationStore {
  /** Newest first, by `updatedAt`. */
  listConversations(): Promise<Conversation[]>;
  loadConversation(id: string): Promise<Conversation | undefined>;
  saveConversation(conversation: Conversation): Promise<void>;
  deleteConversation(id: string): Promise<void>;
  renameConversation(id: string, title: string): Promise<void>;
}

export function createConversationStore(backend: ConversationBackend): ConversationStore {
  return {
    async listConversations() {
      const all = await backend.all();
      return all.map((c) => recoverInterrupted(c)).sort((a, b) => b.updatedAt - a.updatedAt);
    },
    async loadConversation(id) {
      const conversation = await backend.get(id);
      return conversation && recoverInterrupted(conversation);
    },
    saveConversation: (conversation) => backend.set(conversation),
    deleteConversation: (id) => backend.delete(id),
    async renameConversation(id, title) {
      const conversation = await backend.get(id);
      if (conversation) await backend.set({ ...conversation, title });
    },
  };
}

/**
 * An answer saved while still streaming was cut off by a reload or a closed tab. A resumable one
 * (it has a resume point, and is the conversation's last message) stays streaming: the chat
 * re-attaches to it and it finishes in place. Any other keeps what arrived and says it was
 * interrupted, instead of spinning forever; its open parts end when it was last saved (saves come
 * about once a second while streaming), not at the reload, which may be hours later.
 */
function recoverInterrupted(conversation: Conversation): Conversation {
  const last = conversation.messages.length - 1;
  const stuck = (m: UIMessage, i: number) => m.status === "streaming" && !(m.resume && i === last);
  if (!conversation.messages.some(stuck)) return conversation;
  return {
    ...conversation,
    messages: conversation.messages.map((m, i) =>
      stuck(m, i) ? finishMessage(m, "interrupted", conversation.updatedAt) : m,
    ),
  };
}

function indexedDbBackend(): ConversationBackend {
  const table = idbTable<Conversation>("deepseek-chat", "conversations");
  return {
    get: (id) => table.get(id),
    set: (conversation) => table.set(conversation.id, conversation),
    delete: (id) => table.delete(id),
    all: () => table.all(),
  };
}

const browserStore = createConversationStore(indexedDbBackend());

export const {
  listConversations,
  loadConversation,
  saveConversation,
  deleteConversation,
  renameConversation,
} = browserStore;
