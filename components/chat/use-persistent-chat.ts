"use client";

import { type RefObject, useCallback, useEffect, useRef, useState } from "react";
import {
  deleteConversation,
  listConversations,
  loadConversation,
  renameConversation,
  saveConversation,
} from "@/lib/chat-client/conversation-store";
import { createId } from "@/lib/chat-client/create-id";
import { loadPreference, savePreference } from "@/lib/chat-client/preferences";
import { titleFrom } from "@/lib/chat-client/title-from";
import type { Conversation, UIMessage, UserPart } from "@/lib/chat-client/types";
import { useChatStream } from "@/lib/chat-client/use-chat-stream";
import type { ChatPersistence } from "./chat-persistence";
import { type ConversationListUpdates, useConversationList } from "./use-conversation-list";

// The chat stream plus its conversations, kept in this browser's IndexedDB (the server keeps no
// history: use-server-chat.ts is the other case): which one is open, the sidebar's list, and saving every
// change the controller reports. A new chat gets its id (and a stored record) with its first turn.

const CURRENT = "currentConversation";

interface Current {
  id: string;
  title: string;
  createdAt: number;
}

function save(meta: Current, messages: UIMessage[]): Conversation {
  const conversation: Conversation = { ...meta, updatedAt: Date.now(), messages };
  void saveConversation(conversation);
  return conversation;
}

/** What the hook keeps between renders about the open conversation, outside React's state. */
interface Session {
  /** The open conversation; null for a new chat until its first turn. */
  meta: Current | null;
  /**
   * Messages just loaded from the store: the controller reports them back, and saving them again
   * would only move an old conversation to the top of the list.
   */
  loaded: UIMessage[] | null;
  /** The messages as the controller last reported them. */
  latest: UIMessage[];
}

/** The turn's options as they are: nothing names a conversation when the browser keeps it. */
const asIs: ChatPersistence["prepare"] = (options) => options;

export function usePersistentChat(fallbackTitle: string): ChatPersistence {
  const [conversations, list] = useConversationList();
  const [currentId, setCurrentId] = useState<string | null>(null);
  const session = useRef<Session>({ meta: null, loaded: null, latest: [] });

  const remember = useCallback((meta: Current | null) => {
    session.current.meta = meta;
    setCurrentId(meta?.id ?? null);
    savePreference(CURRENT, meta?.id);
  }, []);

  const chat = useChatStream({
    onMessagesChange: (messages) => {
      session.current.latest = messages;
      if (messages === session.current.loaded || messages.length === 0) return;
      let meta = session.current.meta;
      if (!meta) {
        const first = messages.find((m) => m.role === "user");
        meta = {
          id: createId(),
          title: titleFrom(first?.content.trim() || (firstFileName(first) ?? ""), fallbackTitle),
          createdAt: Date.now(),
        };
        remember(meta);
      }
      list.upsert(save(meta, messages));
    },
  });
  const { setMessages, stop } = chat;

  const open = useCallback(
    (conversation: Conversation | null) => {
      remember(
        conversation && { id: conversation.id, title: conversation.title, createdAt: conversation.createdAt },
      );
      const messages = conversation?.messages ?? [];
      session.current.loaded = messages;
      setMessages(messages);
    },
    [remember, setMessages],
  );
  const ready = useRestoredConversation(list, open);
  const actions = useConversationActions(session, list, open, stop);
  return { chat, conversations, currentId, ready, ...actions, prepare: asIs, browserOnly: true };
}

/** What the sidebar does to conversations: open one, start a new one, rename one, delete one. */
function useConversationActions(
  session: RefObject<Session>,
  list: ConversationListUpdates,
  open: (conversation: Conversation | null) => void,
  stop: () => void,
) {
  const select = useCallback(
    async (id: string) => {
      if (id === session.current.meta?.id) return;
      stop(); // saves a running answer into the conversation being left
      const conversation = await loadConversation(id);
      if (conversation) open(conversation);
      else list.remove(id);
    },
    [session, list, open, stop],
  );

  const startNew = useCallback(() => {
    stop();
    open(null);
  }, [open, stop]);

  const rename = useCallback(
    (id: string, title: string) => {
      const meta = session.current.meta;
      if (meta?.id === id) {
        // The open conversation may be streaming: write it whole rather than race the store's rename.
        meta.title = title;
        save(meta, session.current.latest);
      } else {
        void renameConversation(id, title);
      }
      list.retitle(id, title);
    },
    [session, list],
  );

  const remove = useCallback(
    (id: string) => {
      void deleteConversation(id);
      list.remove(id);
      // Not startNew: its stop() would save the running answer and bring the record back.
      if (session.current.meta?.id === id) open(null);
    },
    [session, list, open],
  );

  return { select, startNew, rename, remove };
}

/** Restores the list and the conversation that was open, once, after mount (IndexedDB is browser-only). */
function useRestoredConversation(
  list: ConversationListUpdates,
  open: (conversation: Conversation) => void,
): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let cancelled = false;
    void listConversations().then((all) => {
      if (cancelled) return;
      list.replace(all);
      const id = loadPreference<string | null>(CURRENT, null);
      const found = all.find((c) => c.id === id);
      if (found) open(found);
      setReady(true);
    });
    return () => {
      cancelled = true;
    };
  }, [list, open]);
  return ready;
}

function firstFileName(message: UIMessage | undefined): string | undefined {
  return message?.parts.find((part): part is UserPart => part.type === "file" || part.type === "image")?.name;
}
