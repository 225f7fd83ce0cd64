"use client";

import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { listConversations } from "@/lib/chat-client/conversation-store";
import { branchPositions } from "@/lib/chat-client/conversation-tree";
import { HistoryApi } from "@/lib/chat-client/history-api";
import { createHistoryCache, createImportFlag } from "@/lib/chat-client/history-cache";
import { importLocalHistory } from "@/lib/chat-client/history-import";
import { historyTransfer } from "@/lib/chat-client/history-transfer";
import { type ChatHandle, ServerHistory } from "@/lib/chat-client/server-history";
import type { ChatStatus } from "@/lib/chat-client/types";
import { useChatStream } from "@/lib/chat-client/use-chat-stream";
import type { ChatPersistence } from "./chat-persistence";

// The chat with its history on the server (PROTOCOL.md section 10): ServerHistory keeps the list,
// the tree and the URL; this hook connects it to the chat controller, the address bar (back and
// forward), and the tab's visibility (sync polls only while it shows).

export function conversationPath(id: string | null, messageId?: string): string {
  if (id === null) return "/";
  const path = `/c/${encodeURIComponent(id)}`;
  return messageId === undefined ? path : `${path}?m=${encodeURIComponent(messageId)}`;
}

/** The message a `/c/<id>?m=<messageId>` address opens at (a search hit). */
function messageFromSearch(search: string): string | undefined {
  return new URLSearchParams(search).get("m") ?? undefined;
}

function conversationFromPath(pathname: string): string | null {
  const match = /^\/c\/([^/]+)\/?$/.exec(pathname);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

function navigate(id: string | null, how: "push" | "replace", messageId?: string): void {
  const url = conversationPath(id, messageId);
  if (`${window.location.pathname}${window.location.search}` === url) return;
  // Next's router follows the History API: no page load, and back and forward come to popstate.
  if (how === "push") window.history.pushState(null, "", url);
  else window.history.replaceState(null, "", url);
}

export function useServerChat(initialId: string | null): ChatPersistence {
  const historyRef = useRef<ServerHistory | null>(null);
  const chat = useChatStream({
    detachOnLeave: true,
    onMessagesChange: (messages) => historyRef.current?.reported(messages),
  });
  const status = useRef<ChatStatus>("idle");
  useEffect(() => {
    status.current = chat.status;
  });
  const [{ history, transfer }] = useState(() =>
    createServerHistory(chat.setMessages, () => status.current === "streaming"),
  );
  historyRef.current = history;
  const state = useSyncExternalStore(history.subscribe, history.getSnapshot, history.getSnapshot);
  useHistoryLifecycle(history, initialId);

  const busy = chat.status === "streaming";
  // Keyed on the path's ids, not its messages: a streaming answer changes every frame, its versions do not.
  const pathIds = chat.messages.map((m) => m.id).join("\n");
  const branches = useMemo(
    () => ({
      positions: branchPositions(state.messages, pathIds.split("\n")),
      onBranch: history.branch,
      disabled: busy,
    }),
    [state.messages, pathIds, history, busy],
  );
  return useMemo(
    () => ({
      chat,
      conversations: state.conversations,
      currentId: state.currentId,
      ready: state.ready,
      select: async (id: string) => history.open(id),
      openAt: async (id: string, messageId?: string) => history.open(id, "push", messageId),
      focus: state.focus,
      startNew: () => history.startNew(),
      rename: history.rename,
      remove: history.remove,
      prepare: history.prepare,
      tree: state.messages,
      branches,
      notice: state.notice,
      loadMore: state.nextCursor === undefined ? undefined : () => void history.loadMore(),
      transfer,
    }),
    [chat, state, history, branches, transfer],
  );
}

function createServerHistory(setMessages: ChatHandle["setMessages"], busy: () => boolean) {
  const api = new HistoryApi();
  const history = new ServerHistory({
    api,
    cache: createHistoryCache(),
    chat: { setMessages, busy },
    navigate,
    importLocal: () => importLocalHistory(api, listConversations, createImportFlag()),
    sync: { visible: () => document.visibilityState === "visible" },
  });
  return { history, transfer: historyTransfer(api, () => history.wake()) };
}

/** Starts and stops the history with the component; back and forward; sync when the tab shows. */
function useHistoryLifecycle(history: ServerHistory, initialId: string | null): void {
  useEffect(() => {
    void history.start(initialId, messageFromSearch(window.location.search));
    const onPopState = () => {
      const id = conversationFromPath(window.location.pathname);
      if (id === null) history.startNew("none");
      else void history.open(id, "none", messageFromSearch(window.location.search));
    };
    const onVisibility = () => {
      if (document.visibilityState === "visible") history.wake();
    };
    window.addEventListener("popstate", onPopState);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      history.stop();
      window.removeEventListener("popstate", onPopState);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [history, initialId]);
}
