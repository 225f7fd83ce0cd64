"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useT } from "@/components/i18n/locale-provider";
import { IconButton } from "@/components/ui/icon-button";
import { Icon } from "@/components/ui/icons";
import { loadPreference, savePreference } from "@/lib/chat-client/conversation-store";
import { Composer } from "./composer";
import { ConversationSidebar } from "./conversation-sidebar";
import { EmptyState } from "./empty-state";
import { LiveAnnouncer } from "./live-announcer";
import { MessageList } from "./message-list";
import { SetupNotice } from "./setup-notice";
import { useAnnouncement } from "./use-announcement";
import { usePersistentChat } from "./use-persistent-chat";
import { useStickToBottom } from "./use-stick-to-bottom";

export interface ChatScreenProps {
  /** False when the server has no API key: setup instructions replace the chat. */
  configured: boolean;
  models: string[];
  defaultModel: string;
}

export function ChatScreen({ configured, models, defaultModel }: ChatScreenProps) {
  const t = useT();
  const { chat, conversations, currentId, ready, select, startNew, rename, remove } = usePersistentChat(
    t.newChat,
  );
  const { messages, status, send, stop, regenerate, edit } = chat;
  const [thinking, setThinking] = useState(true);
  const [model, setModel] = useState(defaultModel);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const { scrollRef, contentRef, atBottom, scrollToBottom } = useStickToBottom();
  const announcement = useAnnouncement(messages, t.answerReady);
  const streaming = status === "streaming";

  useEffect(() => {
    setThinking(loadPreference("thinking", true));
    const stored = loadPreference("model", defaultModel);
    setModel(models.includes(stored) ? stored : defaultModel);
  }, [models, defaultModel]);

  // The request's model only when there is a choice: otherwise the server's default stands.
  const options = useCallback(
    () => ({ thinking, ...(models.length > 1 ? { model } : {}) }),
    [thinking, model, models.length],
  );

  // Stable handlers: the list, sidebar and composer are memoised and skip the per-frame renders
  // of a streaming answer.
  const onSend = useCallback(
    (text: string) => {
      send(text, options());
      scrollToBottom();
    },
    [send, options, scrollToBottom],
  );
  const onRegenerate = useCallback(() => regenerate(options()), [regenerate, options]);
  const onEdit = useCallback((id: string, text: string) => edit(id, text, options()), [edit, options]);
  const closeDrawer = useCallback(() => setDrawerOpen(false), []);
  const onNew = useCallback(() => {
    startNew();
    setDrawerOpen(false);
    inputRef.current?.focus();
  }, [startNew]);
  const onSelect = useCallback(
    (id: string) => {
      void select(id).then(() => scrollToBottom());
      setDrawerOpen(false);
    },
    [select, scrollToBottom],
  );
  const onThinkingChange = useCallback((value: boolean) => {
    setThinking(value);
    savePreference("thinking", value);
  }, []);
  const onModelChange = useCallback((value: string) => {
    setModel(value);
    savePreference("model", value);
  }, []);

  const currentTitle = conversations.find((c) => c.id === currentId)?.title ?? t.newChat;
  useEffect(() => {
    document.title = currentId ? `${currentTitle} · ${t.appName}` : t.appName;
  }, [currentId, currentTitle, t.appName]);

  return (
    <div
      // Tests wait for this: hydrated, history restored, preferences applied.
      data-ready={ready || undefined}
      className="flex h-dvh overflow-hidden bg-white text-neutral-900 dark:bg-neutral-950 dark:text-neutral-100"
    >
      <ConversationSidebar
        conversations={conversations}
        currentId={currentId}
        open={drawerOpen}
        onClose={closeDrawer}
        onNew={onNew}
        onSelect={onSelect}
        onRename={rename}
        onDelete={remove}
      />
      <main className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-12 shrink-0 items-center gap-1 border-neutral-200 border-b px-2 md:px-4 dark:border-neutral-800">
          <IconButton
            label={t.openSidebar}
            className="md:hidden"
            aria-expanded={drawerOpen}
            data-testid="sidebar-toggle"
            onClick={() => setDrawerOpen(true)}
          >
            <Icon name="menu" className="size-5" />
          </IconButton>
          <h1 data-testid="conversation-title" className="min-w-0 flex-1 truncate px-1 font-medium text-sm">
            {currentTitle}
          </h1>
          <IconButton label={t.newChat} className="md:hidden" onClick={onNew}>
            <Icon name="plus" className="size-5" />
          </IconButton>
        </header>
        <section ref={scrollRef} className="min-h-0 flex-1 overflow-y-auto" aria-label={t.conversationLabel}>
          <div ref={contentRef} className="mx-auto w-full max-w-3xl px-4 py-6">
            {!configured && messages.length === 0 ? (
              <SetupNotice t={t} />
            ) : !ready ? (
              <p className="sr-only">{t.loading}</p>
            ) : messages.length === 0 ? (
              <EmptyState t={t} onPick={onSend} />
            ) : (
              <MessageList messages={messages} onRegenerate={onRegenerate} onEdit={onEdit} />
            )}
          </div>
        </section>
        <div className="relative mx-auto w-full max-w-3xl shrink-0 px-3 pb-2 sm:px-4">
          {!atBottom && (
            <button
              type="button"
              onClick={() => scrollToBottom("smooth")}
              data-testid="jump-to-latest"
              className="-top-12 -translate-x-1/2 absolute left-1/2 inline-flex h-9 items-center gap-1.5 rounded-full border border-neutral-200 bg-white px-3 text-neutral-700 text-xs shadow-md hover:bg-neutral-50 focus-visible:outline-2 focus-visible:outline-brand-500 dark:border-neutral-700 dark:bg-neutral-900 dark:text-neutral-200 dark:hover:bg-neutral-800"
            >
              <Icon name="arrow-down" className="size-3.5" />
              {t.jumpToLatest}
            </button>
          )}
          {!configured && messages.length > 0 && (
            <p
              data-testid="setup-short"
              className="rounded-2xl border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700/60 dark:bg-amber-950/40"
            >
              {t.setupShort}
            </p>
          )}
          {configured && (
            <Composer
              inputRef={inputRef}
              streaming={streaming}
              onSend={onSend}
              onStop={stop}
              thinking={thinking}
              onThinkingChange={onThinkingChange}
              models={models}
              model={model}
              onModelChange={onModelChange}
            />
          )}
          <p className="mt-1.5 text-center text-[0.6875rem] text-neutral-500 dark:text-neutral-400">
            {t.disclaimer}
          </p>
        </div>
      </main>
      <LiveAnnouncer text={announcement} />
    </div>
  );
}
