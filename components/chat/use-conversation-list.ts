"use client";

import { useMemo, useState } from "react";
import type { Conversation } from "@/lib/chat-client/types";
import type { ConversationSummary } from "./conversation-sidebar";

// The sidebar's list, newest first: read once from the store, then kept in step with what this tab
// changes, so it never waits for IndexedDB.

const summary = (c: Conversation): ConversationSummary => ({
  id: c.id,
  title: c.title,
  updatedAt: c.updatedAt,
});

export interface ConversationListUpdates {
  /** The list as the store has it. */
  replace(all: Conversation[]): void;
  /** A conversation just saved: to the top. */
  upsert(conversation: Conversation): void;
  /** Renamed: it keeps its place. */
  retitle(id: string, title: string): void;
  remove(id: string): void;
}

export function useConversationList(): [ConversationSummary[], ConversationListUpdates] {
  const [conversations, setConversations] = useState<ConversationSummary[]>([]);
  const updates = useMemo<ConversationListUpdates>(
    () => ({
      replace: (all) => setConversations(all.map(summary)),
      upsert: (conversation) =>
        setConversations((list) => [summary(conversation), ...list.filter((c) => c.id !== conversation.id)]),
      retitle: (id, title) =>
        setConversations((list) => list.map((c) => (c.id === id ? { ...c, title } : c))),
      remove: (id) => setConversations((list) => list.filter((c) => c.id !== id)),
    }),
    [],
  );
  return [conversations, updates];
}
