"use client";

import { memo, type RefObject, useEffect, useRef } from "react";
import { AccountMenu } from "@/components/account/account-menu";
import { LanguageSwitcher } from "@/components/i18n/language-switcher";
import { useT } from "@/components/i18n/locale-provider";
import { ThemeSwitcher } from "@/components/theme/theme-switcher";
import { IconButton } from "@/components/ui/icon-button";
import { Icon } from "@/components/ui/icons";
import type { HistoryTransfer } from "@/lib/chat-client/history-transfer";
import type { SearchHit } from "@/lib/chat-client/search-api";
import { ConversationItem } from "./conversation-item";
import { SearchBox } from "./search-box";
import { SearchResults } from "./search-results";
import { SidebarTransfer } from "./sidebar-transfer";
import { useConversationSearch } from "./use-conversation-search";

export interface ConversationSummary {
  id: string;
  title: string;
  updatedAt: number;
}

interface ConversationSidebarProps {
  conversations: readonly ConversationSummary[];
  currentId: string | null;
  /** Below 768 px the sidebar is a drawer; `open` says whether it is showing. */
  open: boolean;
  onClose: () => void;
  onNew: () => void;
  onSelect: (id: string) => void;
  onRename: (id: string, title: string) => void;
  onDelete: (id: string) => void;
  /** History stays in this browser (the server keeps none): say so, and how to change it. */
  browserOnly: boolean;
  /** Older conversations: the server has more than the first page. */
  onMore?: (() => void) | undefined;
  /** Export and import, where the server keeps the history. */
  transfer?: HistoryTransfer | undefined;
  /** With the server's history: search, and open a hit at its message. */
  onOpenHit?: ((hit: SearchHit) => void) | undefined;
}

export const ConversationSidebar = memo(function ConversationSidebar({
  open,
  onClose,
  onNew,
  browserOnly,
  transfer,
  onOpenHit,
  ...list
}: ConversationSidebarProps) {
  const t = useT();
  const panel = useDrawerFocus(open, onClose);
  const search = useConversationSearch(t.searchUnreachable);
  const searching = onOpenHit !== undefined && search.query.trim() !== "";
  const openHit = (hit: SearchHit | undefined) => {
    if (hit) onOpenHit?.(hit);
  };

  return (
    <>
      {open && (
        <div aria-hidden="true" onClick={onClose} className="fixed inset-0 z-30 bg-black/40 md:hidden" />
      )}
      <nav
        ref={panel}
        aria-label={t.conversations}
        data-testid="sidebar"
        data-open={open || undefined}
        className={`fixed inset-y-0 left-0 z-40 flex w-72 max-w-[85vw] flex-col border-neutral-200 border-r bg-neutral-50 transition-transform md:static md:z-auto md:w-64 md:translate-x-0 dark:border-neutral-800 dark:bg-neutral-900 ${open ? "translate-x-0" : "invisible -translate-x-full md:visible"}`}
      >
        <SidebarTop onClose={onClose} onNew={onNew} />
        {onOpenHit && (
          <SearchBox
            query={search.query}
            onQuery={search.setQuery}
            expanded={searching && search.state.hits.length > 0}
            active={search.active}
            onMove={search.move}
            onOpenActive={() => openHit(search.state.hits[search.active])}
            onClear={search.clear}
          />
        )}
        {searching ? (
          <SearchResults
            state={search.state}
            active={search.active}
            onActive={search.setActive}
            onOpen={openHit}
          />
        ) : (
          <ConversationList {...list} exportable={transfer !== undefined} />
        )}
        {browserOnly && <HistoryNote text={t.historyInBrowser} />}
        {transfer && <SidebarTransfer transfer={transfer} />}
        <AccountMenu />
        <div className="flex items-center justify-between gap-2 border-neutral-200 border-t px-3 py-2.5 dark:border-neutral-800">
          <ThemeSwitcher />
          <LanguageSwitcher />
        </div>
      </nav>
    </>
  );
});

type ConversationListProps = Pick<
  ConversationSidebarProps,
  "conversations" | "currentId" | "onSelect" | "onRename" | "onDelete" | "onMore"
> & { exportable: boolean };

function ConversationList({
  conversations,
  currentId,
  onSelect,
  onRename,
  onDelete,
  onMore,
  exportable,
}: ConversationListProps) {
  const t = useT();
  return (
    <>
      <h2 className="px-4 pt-2 pb-1 font-medium text-neutral-500 text-xs dark:text-neutral-400">
        {t.conversations}
      </h2>
      <ul data-testid="conversation-list" className="min-h-0 flex-1 space-y-0.5 overflow-y-auto px-2 pb-2">
        {conversations.length === 0 && (
          <li className="px-2 py-1 text-neutral-500 text-sm dark:text-neutral-400">{t.noConversations}</li>
        )}
        {conversations.map((conversation) => (
          <ConversationItem
            key={conversation.id}
            id={conversation.id}
            title={conversation.title}
            current={conversation.id === currentId}
            onSelect={onSelect}
            onRename={onRename}
            onDelete={onDelete}
            exportable={exportable}
          />
        ))}
        {onMore && (
          <li>
            <button
              type="button"
              onClick={onMore}
              data-testid="conversations-more"
              className="w-full rounded-lg px-2 py-1.5 text-left text-neutral-500 text-sm hover:bg-neutral-100 focus-visible:outline-2 focus-visible:outline-brand-500 dark:text-neutral-400 dark:hover:bg-neutral-800"
            >
              {t.moreConversations}
            </button>
          </li>
        )}
      </ul>
    </>
  );
}

/** As a drawer: Escape closes it, and focus moves into it so keyboard users land somewhere useful. */
function useDrawerFocus(open: boolean, onClose: () => void): RefObject<HTMLElement | null> {
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLElement>("button")?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open, onClose]);
  return panel;
}

/** The app's name, the drawer's close button, and New chat. */
function SidebarTop({ onClose, onNew }: { onClose: () => void; onNew: () => void }) {
  const t = useT();
  return (
    <>
      <div className="flex items-center gap-2 px-3 pt-3 pb-2">
        <Icon name="logo" className="size-6 text-brand-600 dark:text-brand-300" />
        <span className="font-semibold text-neutral-900 dark:text-neutral-100">{t.appName}</span>
        <IconButton label={t.closeSidebar} className="ml-auto md:hidden" onClick={onClose}>
          <Icon name="close" />
        </IconButton>
      </div>
      <div className="px-3 pb-2">
        <button
          type="button"
          onClick={onNew}
          data-testid="new-chat"
          className="flex h-9 w-full items-center gap-2 rounded-lg border border-neutral-200 bg-white px-3 font-medium text-neutral-800 text-sm shadow-xs hover:bg-neutral-100 focus-visible:outline-2 focus-visible:outline-brand-500 dark:border-neutral-700 dark:bg-neutral-800 dark:text-neutral-100 dark:hover:bg-neutral-700"
        >
          <Icon name="plus" />
          {t.newChat}
        </button>
      </div>
    </>
  );
}

/** History stays in this browser (the server keeps none): and how to keep it on the server. */
function HistoryNote({ text }: { text: string }) {
  return (
    <p
      data-testid="history-note"
      className="border-neutral-200 border-t px-4 py-2 text-neutral-500 text-xs leading-relaxed dark:border-neutral-800 dark:text-neutral-400"
    >
      {text}
    </p>
  );
}
