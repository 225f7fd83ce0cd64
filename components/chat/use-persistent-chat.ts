"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import {
  deleteConversation,
  listConversations,
  loadConversation,
  loadPreference,
  renameConversation,
  saveConversation,
  savePreference,
  titleFrom,
} from "@/lib/chat-client/conversation-store";
import type { Conversation, UIMessage } from "@/lib/chat-client/types";
import { useChatStream } from "@/lib/chat-client/use-chat-stream";
import type { ConversationSummary } from "./conversation-sidebar";

// The chat stream plus its conversations: which one is open, the sidebar's list, and saving every
// change the controller reports. A new chat gets its id (and a stored record) with its first turn.

const CURRENT = "currentConversation";

interface Current {
  id: string;
  title: string;
  createdAt: number;
}

function newId(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

const summary = (c: Conversation): ConversationSummary => ({
  id: c.id,
  title: c.title,
  updatedAt: c.updatedAt,
});

export function usePersistentChat(fallbackTitle: string) {
  const current = useRef<Current | null>(null);
  // Messages just loaded from the store: the controller reports them back, and saving them again
  // would only move an old conversation to the top of the list.
  const loaded = useRef<UIMessage[] | null>(null);
  const latest = useRef<UIMessage[]>([]);
  const [conversations, setConversations] = useState<ConversationSummary[]>([]);
  const [currentId, setCurrentId] = useState<string | null>(null);
  const [ready, setReady] = useState(false);

  const upsert = useCallback((item: ConversationSummary) => {
    setConversations((list) => [item, ...list.filter((c) => c.id !== item.id)]);
  }, []);

  const save = (meta: Current, messages: UIMessage[]) => {
    const conversation: Conversation = { ...meta, updatedAt: Date.now(), messages };
    void saveConversation(conversation);
    upsert(summary(conversation));
  };

  const chat = useChatStream({
    onMessagesChange: (messages) => {
      latest.current = messages;
      if (messages === loaded.current || messages.length === 0) return;
      if (!current.current) {
        const first = messages.find((m) => m.role === "user");
        current.current = {
          id: newId(),
          title: titleFrom(first?.content ?? "", fallbackTitle),
          createdAt: Date.now(),
        };
        savePreference(CURRENT, current.current.id);
        setCurrentId(current.current.id);
      }
      save(current.current, messages);
    },
  });
  const { setMessages, stop } = chat;

  const open = useCallback(
    (conversation: Conversation | null) => {
      current.current = conversation && {
        id: conversation.id,
        title: conversation.title,
        createdAt: conversation.createdAt,
      };
      const messages = conversation?.messages ?? [];
      loaded.current = messages;
      setMessages(messages);
      setCurrentId(conversation?.id ?? null);
      savePreference(CURRENT, conversation?.id);
    },
    [setMessages],
  );

  // Restore the list and the conversation that was open, once, after mount (IndexedDB is browser-only).
  useEffect(() => {
    let cancelled = false;
    void listConversations().then((all) => {
      if (cancelled) return;
      setConversations(all.map(summary));
      const id = loadPreference<string | null>(CURRENT, null);
      const found = all.find((c) => c.id === id);
      if (found) open(found);
      setReady(true);
    });
    return () => {
      cancelled = true;
    };
  }, [open]);

  const select = useCallback(
    async (id: string) => {
      if (id === current.current?.id) return;
      stop(); // saves a running answer into the conversation being left
      const conversation = await loadConversation(id);
      if (conversation) open(conversation);
      else setConversations((list) => list.filter((c) => c.id !== id));
    },
    [open, stop],
  );

  const startNew = useCallback(() => {
    stop();
    open(null);
  }, [open, stop]);

  const rename = useCallback((id: string, title: string) => {
    const meta = current.current;
    if (meta?.id === id) {
      // The open conversation may be streaming: write it whole rather than race the store's rename.
      meta.title = title;
      const conversation: Conversation = { ...meta, updatedAt: Date.now(), messages: latest.current };
      void saveConversation(conversation);
    } else {
      void renameConversation(id, title);
    }
    setConversations((list) => list.map((c) => (c.id === id ? { ...c, title } : c)));
  }, []);

  const remove = useCallback(
    (id: string) => {
      void deleteConversation(id);
      setConversations((list) => list.filter((c) => c.id !== id));
      // Not startNew: its stop() would save the running answer and bring the record back.
      if (current.current?.id === id) open(null);
    },
    [open],
  );

  return { chat, conversations, currentId, ready, select, startNew, rename, remove };
}
