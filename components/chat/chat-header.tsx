import { useState } from "react";
import { useT } from "@/components/i18n/locale-provider";
import { IconButton } from "@/components/ui/icon-button";
import { Icon } from "@/components/ui/icons";
import type { ConversationSpend } from "@/lib/chat-client/conversation-spend";
import { formatShare } from "./format";
import { ShareDialog } from "./share-dialog";
import { costText } from "./stats-line";

/** The open conversation, when the server keeps it: what sharing it needs. */
export interface ShareTarget {
  conversationId: string;
  /** An answer is being written. */
  busy: boolean;
}

interface ChatHeaderProps {
  title: string;
  /** Below 768 px, where the sidebar is a drawer: whether it shows, and how to open it. */
  drawerOpen: boolean;
  onOpenDrawer: () => void;
  onNew: () => void;
  /** Absent for a new chat, and where history stays in the browser (no server copy to share). */
  share?: ShareTarget | undefined;
  /** What the open conversation's answers cost, all versions included. */
  spend?: ConversationSpend | undefined;
}

/** The open conversation's title and Share; on a phone, the buttons the hidden sidebar would offer. */
export function ChatHeader({ title, drawerOpen, onOpenDrawer, onNew, share, spend }: ChatHeaderProps) {
  const t = useT();
  return (
    <header className="flex h-12 shrink-0 items-center gap-1 border-neutral-200 border-b px-2 md:px-4 dark:border-neutral-800">
      <IconButton
        label={t.openSidebar}
        className="md:hidden"
        aria-expanded={drawerOpen}
        data-testid="sidebar-toggle"
        onClick={onOpenDrawer}
      >
        <Icon name="menu" className="size-5" />
      </IconButton>
      <h1 data-testid="conversation-title" className="min-w-0 flex-1 truncate px-1 font-medium text-sm">
        {title}
      </h1>
      {spend && <SpendFigure spend={spend} />}
      {share && <ShareButton target={share} />}
      <IconButton label={t.newChat} className="md:hidden" onClick={onNew}>
        <Icon name="plus" className="size-5" />
      </IconButton>
    </header>
  );
}

function ShareButton({ target }: { target: ShareTarget }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        data-testid="share"
        aria-label={t.share}
        title={t.share}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
        className="inline-flex h-8 shrink-0 items-center gap-1.5 rounded-lg px-2.5 text-neutral-600 text-sm transition-colors hover:bg-neutral-100 hover:text-neutral-900 focus-visible:outline-2 focus-visible:outline-brand-500 dark:text-neutral-300 dark:hover:bg-neutral-800 dark:hover:text-neutral-100"
      >
        <Icon name="share" className="size-4" />
        {/* On a phone the icon alone: the title needs the room. */}
        <span className="hidden sm:inline">{t.share}</span>
      </button>
      {open && (
        <ShareDialog
          conversationId={target.conversationId}
          busy={target.busy}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

/** "$0.0021 · cache hits 63%" beside the title; on a phone the title needs the room. */
function SpendFigure({ spend }: { spend: ConversationSpend }) {
  const t = useT();
  const share = spend.cacheHitShare === undefined ? undefined : formatShare(spend.cacheHitShare);
  if (!spend.cost && share === undefined) return null;
  const cost = spend.cost && costText(spend.cost, t);
  const parts = [cost?.text, share === undefined ? undefined : t.conversationCacheHits(share)].filter(
    Boolean,
  );
  return (
    <span
      data-testid="conversation-cost"
      title={cost ? t.conversationCostTitle(cost.title, spend.answers) : undefined}
      className="hidden shrink-0 cursor-help px-1 text-neutral-500 text-xs tabular-nums sm:inline dark:text-neutral-400"
    >
      <span className="sr-only">{t.conversationCost}: </span>
      {parts.join(" · ")}
    </span>
  );
}
