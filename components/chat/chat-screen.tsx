"use client";

import { type RefObject, useCallback, useEffect, useRef, useState } from "react";
import { useT } from "@/components/i18n/locale-provider";
import type { SendOptions } from "@/lib/chat-client/chat-controller";
import type { SearchHit } from "@/lib/chat-client/search-api";
import type { MessageFocus } from "@/lib/chat-client/server-history";
import type { UIMessage, UserPart } from "@/lib/chat-client/types";
import { ChatDock } from "./chat-dock";
import { ChatHeader } from "./chat-header";
import type { ChatPersistence } from "./chat-persistence";
import { Composer } from "./composer";
import { ConversationSidebar } from "./conversation-sidebar";
import { EmptyState } from "./empty-state";
import { ErrorNotice } from "./error-notice";
import { LiveAnnouncer } from "./live-announcer";
import { type Branching, MessageList } from "./message-list";
import { SetupNotice } from "./setup-notice";
import { useAnnouncement } from "./use-announcement";
import { type ChatPreferences, useChatPreferences } from "./use-chat-preferences";
import { useConversationFigures } from "./use-conversation-figures";
import { useConversationTools } from "./use-conversation-tools";
import { useStickToBottom } from "./use-stick-to-bottom";

export interface ChatScreenProps {
  /** False when the server has no API key: setup instructions replace the chat. */
  configured: boolean;
  models: string[];
  defaultModel: string;
  /** Each model's context window in tokens (PROTOCOL.md section 19). */
  contextWindows: Record<string, number>;
  /** The offered models that read images (VISION_MODELS, PROTOCOL.md section 20). */
  visionModels: string[];
  /** A search service is configured: the composer offers 联网搜索 (PROTOCOL.md section 21). */
  searchAvailable?: boolean;
}

export function ChatScreen({
  configured,
  contextWindows,
  visionModels,
  persistence,
  ...offer
}: ChatScreenProps & { persistence: ChatPersistence }) {
  const t = useT();
  const { chat, conversations, currentId, ready, rename, remove } = persistence;
  const { messages, status, stop } = chat;
  const preferences = useChatPreferences(offer, persistence);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const { scrollRef, contentRef, atBottom, scrollToBottom } = useStickToBottom(persistence.focus);
  const announcement = useAnnouncement(messages, t.answerReady);

  const { tools, turns } = useComposerTurns(persistence, preferences, scrollToBottom);
  const drawer = useDrawer(persistence, inputRef, scrollToBottom);
  const currentTitle = useDocumentTitle(conversations, currentId);
  const readsImages = visionModels.includes(preferences.model);
  const figures = useConversationFigures(persistence, contextWindows[preferences.model], readsImages);

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
        {...sidebarExtras(persistence, drawer.onOpenHit)}
      />
      <main className="flex min-w-0 flex-1 flex-col">
        <ChatHeader
          title={currentTitle}
          drawerOpen={drawer.open}
          onOpenDrawer={drawer.show}
          onNew={drawer.onNew}
          share={shareTarget(persistence)}
          spend={figures.spend}
        />
        <section ref={scrollRef} className="min-h-0 flex-1 overflow-y-auto" aria-label={t.conversationLabel}>
          <div ref={contentRef} className="mx-auto w-full max-w-3xl px-4 py-6">
            <ConversationView
              persistence={persistence}
              configured={configured}
              turns={{ ...turns, onPick: turns.onSend }}
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
              onSend={turns.onSend}
              onStop={stop}
              preferences={preferences}
              context={figures.context}
              readsImages={readsImages}
              tools={tools}
            />
          )}
        </ChatDock>
      </main>
      <LiveAnnouncer text={announcement} />
    </div>
  );
}

/** The open conversation, when the server keeps it: a new chat and browser-kept history have no copy to share. */
function shareTarget({ browserOnly, currentId, chat }: ChatPersistence) {
  if (browserOnly || currentId === null) return undefined;
  return { conversationId: currentId, busy: chat.status === "streaming" };
}

/** What the sidebar shows besides the list: the note on browser-kept history, "More", export and import, and search. */
function sidebarExtras(
  { browserOnly, loadMore, transfer, openAt }: ChatPersistence,
  onOpenHit: (hit: SearchHit) => void,
) {
  return { browserOnly: browserOnly === true, onMore: loadMore, transfer, onOpenHit: openAt && onOpenHit };
}

interface ConversationViewProps {
  configured: boolean;
  persistence: ChatPersistence;
  turns: {
    onPick: (prompt: string) => void;
    onRegenerate: () => void;
    onEdit: (id: string, text: string) => void;
  };
}

interface ConversationBodyProps {
  configured: boolean;
  conversationId: string | null;
  ready: boolean;
  messages: UIMessage[];
  branches: Branching | undefined;
  focus: MessageFocus | undefined;
  turns: ConversationViewProps["turns"];
}

/** The conversation area, under the history's notice when the server could not give it. */
function ConversationView({ configured, persistence, turns }: ConversationViewProps) {
  const t = useT();
  const { notice, ready, branches, chat, focus } = persistence;
  const body = {
    configured,
    conversationId: persistence.currentId,
    messages: chat.messages,
    branches,
    focus,
    turns,
  };
  if (!notice) return <ConversationBody {...body} ready={ready} />;
  return (
    <div className="space-y-5">
      <ErrorNotice message={notice.message} code={notice.code} t={t} title={t.historyErrorTitle} />
      <ConversationBody {...body} ready />
    </div>
  );
}

/** Setup instructions, nothing while history loads, a greeting, or the turns. */
function ConversationBody({
  configured,
  conversationId,
  ready,
  messages,
  branches,
  focus,
  turns,
}: ConversationBodyProps) {
  const t = useT();
  if (!configured && messages.length === 0) return <SetupNotice t={t} />;
  if (!ready) return <p className="sr-only">{t.loading}</p>;
  if (messages.length === 0) return <EmptyState t={t} onPick={turns.onPick} />;
  const { onRegenerate, onEdit } = turns;
  return (
    <MessageList
      conversationId={conversationId}
      messages={messages}
      onRegenerate={onRegenerate}
      onEdit={onEdit}
      branches={branches}
      focus={focus}
    />
  );
}

/** The turn handlers, each request with the composer's settings and the conversation's tool switches. */
function useComposerTurns(
  persistence: ChatPersistence,
  preferences: ChatPreferences,
  scrollToBottom: () => void,
) {
  const tools = useConversationTools(persistence.currentId, !persistence.browserOnly);
  const { requestOptions: chosen } = preferences;
  const requestOptions = useCallback(() => ({ ...chosen(), ...tools.requestFields() }), [chosen, tools]);
  return { tools, turns: useTurnHandlers(persistence, requestOptions, scrollToBottom) };
}

interface TurnHandlers {
  onSend: (text: string, files?: readonly UserPart[]) => void;
  onRegenerate: () => void;
  onEdit: (id: string, text: string) => void;
}

/**
 * Sending, regenerating and editing a turn, with the composer's settings as they are now (and,
 * with the server's history, the conversation the turn continues). Stable: the list, sidebar and
 * composer are memoised and skip the per-frame renders of a streaming answer.
 */
function useTurnHandlers(
  { chat: { send, regenerate, edit }, prepare }: ChatPersistence,
  requestOptions: () => SendOptions,
  scrollToBottom: () => void,
): TurnHandlers {
  const onSend = useCallback(
    (text: string, files: readonly UserPart[] = []) => {
      send(text, prepare(requestOptions(), text.trim() || files[0]?.name), files);
      scrollToBottom();
    },
    [send, requestOptions, prepare, scrollToBottom],
  );
  const onRegenerate = useCallback(
    () => regenerate(prepare(requestOptions())),
    [regenerate, requestOptions, prepare],
  );
  const onEdit = useCallback(
    (id: string, text: string) => edit(id, text, prepare(requestOptions())),
    [edit, requestOptions, prepare],
  );
  return { onSend, onRegenerate, onEdit };
}

/** The open conversation's title, also the tab's. */
function useDocumentTitle(conversations: ChatPersistence["conversations"], currentId: string | null): string {
  const t = useT();
  const shown = conversations.find((c) => c.id === currentId)?.title ?? t.newChat;
  const documentTitle = currentId !== null ? `${shown} · ${t.appName}` : t.appName;
  useEffect(() => {
    document.title = documentTitle;
  }, [documentTitle]);
  return shown;
}

/**
 * Below 768 px the sidebar is a drawer: whether it shows, and what choosing in it does (it closes,
 * and the screen follows: a new chat focuses the composer, another conversation scrolls to its end,
 * a search hit opens at its message).
 */
function useDrawer(
  { startNew, select, openAt }: ChatPersistence,
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
  // A hit opens at its message (the list brings it into view); a title at the end, like a click.
  const onOpenHit = useCallback(
    (hit: SearchHit) => {
      void openAt?.(hit.conversationId, hit.messageId).then(() => {
        if (hit.messageId === undefined) scrollToBottom();
      });
      setOpen(false);
    },
    [openAt, scrollToBottom],
  );
  return { open, show, close, onNew, onSelect, onOpenHit };
}
