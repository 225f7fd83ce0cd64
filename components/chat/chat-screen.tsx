"use client";

import { type RefObject, useCallback, useEffect, useRef, useState } from "react";
import { useT } from "@/components/i18n/locale-provider";
import type { SendOptions } from "@/lib/chat-client/chat-controller";
import type { UIMessage } from "@/lib/chat-client/types";
import type { ChatStream } from "@/lib/chat-client/use-chat-stream";
import { ChatDock } from "./chat-dock";
import { ChatHeader } from "./chat-header";
import { Composer } from "./composer";
import { ConversationSidebar } from "./conversation-sidebar";
import { EmptyState } from "./empty-state";
import { LiveAnnouncer } from "./live-announcer";
import { MessageList } from "./message-list";
import { SetupNotice } from "./setup-notice";
import { useAnnouncement } from "./use-announcement";
import { useChatPreferences } from "./use-chat-preferences";
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
  const { messages, status, stop } = chat;
  const preferences = useChatPreferences(models, defaultModel);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const { scrollRef, contentRef, atBottom, scrollToBottom } = useStickToBottom();
  const announcement = useAnnouncement(messages, t.answerReady);

  // Stable handlers: the list, sidebar and composer are memoised and skip the per-frame renders
  // of a streaming answer.
  const { onSend, onRegenerate, onEdit } = useTurnHandlers(chat, preferences.requestOptions, scrollToBottom);
  const drawer = useDrawer(startNew, select, inputRef, scrollToBottom);

  const currentTitle = conversations.find((c) => c.id === currentId)?.title ?? t.newChat;
  const documentTitle = currentId ? `${currentTitle} · ${t.appName}` : t.appName;
  useEffect(() => {
    document.title = documentTitle;
  }, [documentTitle]);

  return (
    <div
      // Tests wait for this: hydrated, history restored, preferences applied.
      data-ready={ready || undefined}
      className="flex h-dvh overflow-hidden bg-white text-neutral-900 dark:bg-neutral-950 dark:text-neutral-100"
    >
      <ConversationSidebar
        conversations={conversations}
        currentId={currentId}
        open={drawer.open}
        onClose={drawer.close}
        onNew={drawer.onNew}
        onSelect={drawer.onSelect}
        onRename={rename}
        onDelete={remove}
      />
      <main className="flex min-w-0 flex-1 flex-col">
        <ChatHeader
          title={currentTitle}
          drawerOpen={drawer.open}
          onOpenDrawer={drawer.show}
          onNew={drawer.onNew}
        />
        <section ref={scrollRef} className="min-h-0 flex-1 overflow-y-auto" aria-label={t.conversationLabel}>
          <div ref={contentRef} className="mx-auto w-full max-w-3xl px-4 py-6">
            <ConversationView
              configured={configured}
              ready={ready}
              messages={messages}
              onPick={onSend}
              onRegenerate={onRegenerate}
              onEdit={onEdit}
            />
          </div>
        </section>
        <ChatDock
          showJump={!atBottom}
          onJump={() => scrollToBottom("smooth")}
          showSetupHint={!configured && messages.length > 0}
        >
          {configured && (
            <Composer
              inputRef={inputRef}
              streaming={status === "streaming"}
              onSend={onSend}
              onStop={stop}
              preferences={preferences}
            />
          )}
        </ChatDock>
      </main>
      <LiveAnnouncer text={announcement} />
    </div>
  );
}

interface ConversationViewProps {
  configured: boolean;
  ready: boolean;
  messages: UIMessage[];
  onPick: (prompt: string) => void;
  onRegenerate: () => void;
  onEdit: (id: string, text: string) => void;
}

/** The conversation area: setup instructions, nothing while history loads, a greeting, or the turns. */
function ConversationView({
  configured,
  ready,
  messages,
  onPick,
  onRegenerate,
  onEdit,
}: ConversationViewProps) {
  const t = useT();
  if (!configured && messages.length === 0) return <SetupNotice t={t} />;
  if (!ready) return <p className="sr-only">{t.loading}</p>;
  if (messages.length === 0) return <EmptyState t={t} onPick={onPick} />;
  return <MessageList messages={messages} onRegenerate={onRegenerate} onEdit={onEdit} />;
}

interface TurnHandlers {
  onSend: (text: string) => void;
  onRegenerate: () => void;
  onEdit: (id: string, text: string) => void;
}

/** Sending, regenerating and editing a turn, with the composer's settings as they are now. */
function useTurnHandlers(
  { send, regenerate, edit }: ChatStream,
  requestOptions: () => SendOptions,
  scrollToBottom: () => void,
): TurnHandlers {
  const onSend = useCallback(
    (text: string) => {
      send(text, requestOptions());
      scrollToBottom();
    },
    [send, requestOptions, scrollToBottom],
  );
  const onRegenerate = useCallback(() => regenerate(requestOptions()), [regenerate, requestOptions]);
  const onEdit = useCallback(
    (id: string, text: string) => edit(id, text, requestOptions()),
    [edit, requestOptions],
  );
  return { onSend, onRegenerate, onEdit };
}

/**
 * Below 768 px the sidebar is a drawer: whether it shows, and what choosing in it does (it closes,
 * and the screen follows: a new chat focuses the composer, another conversation scrolls to its end).
 */
function useDrawer(
  startNew: () => void,
  select: (id: string) => Promise<void>,
  inputRef: RefObject<HTMLTextAreaElement | null>,
  scrollToBottom: () => void,
) {
  const [open, setOpen] = useState(false);
  const show = useCallback(() => setOpen(true), []);
  const close = useCallback(() => setOpen(false), []);
  const onNew = useCallback(() => {
    startNew();
    setOpen(false);
    inputRef.current?.focus();
  }, [startNew, inputRef]);
  const onSelect = useCallback(
    (id: string) => {
      void select(id).then(() => scrollToBottom());
      setOpen(false);
    },
    [select, scrollToBottom],
  );
  return { open, show, close, onNew, onSelect };
}
