"use client";

import { useT } from "@/components/i18n/locale-provider";
import { CopyButton } from "@/components/ui/copy-button";
import { CopyField } from "@/components/ui/copy-field";
import { Icon } from "@/components/ui/icons";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { RevokeWithConfirm } from "@/components/ui/revoke-with-confirm";
import type { ShareLink } from "@/lib/chat-client/share-api";
import { LocalTime } from "./local-time";
import { useShareLinks } from "./use-share-links";

interface ShareDialogProps {
  conversationId: string;
  /** An answer is being written: a copy now would hold half of it. */
  busy: boolean;
  onClose: () => void;
}

/**
 * Sharing the open conversation (PROTOCOL.md section 13): make a link to a copy of it as it is
 * now, copy it; and the owner's links, each to open or revoke. A modal <dialog>: Escape and the
 * backdrop close it, focus stays inside.
 */
export function ShareDialog({ conversationId, busy, onClose }: ShareDialogProps) {
  const t = useT();
  const shares = useShareLinks(conversationId, t.shareUnreachable);
  return (
    <ModalDialog
      testId="share-dialog"
      titleId="share-dialog-title"
      title={t.shareTitle}
      closeTestId="share-close"
      onClose={onClose}
    >
      <p className="text-neutral-600 text-sm dark:text-neutral-400">{t.shareIntro}</p>
      {shares.created ? (
        <NewLink link={shares.created} />
      ) : (
        <button
          type="button"
          data-testid="create-share"
          disabled={busy || shares.creating}
          onClick={shares.create}
          className="inline-flex h-9 items-center gap-2 rounded-lg bg-brand-600 px-4 font-medium text-sm text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-brand-500 focus-visible:outline-offset-2 disabled:opacity-50"
        >
          <Icon name="share" className="size-4" />
          {shares.creating ? t.creatingLink : t.createLink}
        </button>
      )}
      {busy && !shares.created && <p className="text-neutral-500 text-xs">{t.shareBusy}</p>}
      {shares.error && (
        <p role="alert" data-testid="share-error" className="text-red-600 text-sm dark:text-red-400">
          {shares.error}
        </p>
      )}
      <LinkList links={shares.links} onRevoke={shares.revoke} />
    </ModalDialog>
  );
}

/** The link just made: selectable, copyable, openable. */
function NewLink({ link }: { link: ShareLink }) {
  const t = useT();
  return (
    <CopyField
      value={link.url}
      label={t.shareLinkLabel}
      copyLabel={t.copyLink}
      copiedLabel={t.copied}
      testId="share-url"
      copyTestId="copy-share-url"
      surface="bg-neutral-50"
    />
  );
}

function LinkList({
  links,
  onRevoke,
}: {
  links: readonly ShareLink[] | undefined;
  onRevoke: (id: string) => void;
}) {
  const t = useT();
  return (
    <section
      aria-labelledby="share-list-title"
      className="border-neutral-200 border-t pt-4 dark:border-neutral-800"
    >
      <h3 id="share-list-title" className="mb-2 font-medium text-neutral-700 text-sm dark:text-neutral-300">
        {t.yourLinks}
      </h3>
      {links === undefined ? (
        <p className="text-neutral-500 text-sm">{t.loading}</p>
      ) : links.length === 0 ? (
        <p className="text-neutral-500 text-sm">{t.noLinks}</p>
      ) : (
        <ul data-testid="share-list" className="max-h-64 space-y-1 overflow-y-auto">
          {links.map((link) => (
            <LinkRow key={link.id} link={link} onRevoke={onRevoke} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** One link: its title, when, how long; open it, or revoke it after a second click. */
function LinkRow({ link, onRevoke }: { link: ShareLink; onRevoke: (id: string) => void }) {
  const t = useT();
  return (
    <li
      data-testid="share-item"
      data-share-id={link.id}
      className="flex items-center gap-2 rounded-lg px-2 py-1.5 hover:bg-neutral-100 dark:hover:bg-neutral-800/60"
    >
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm">{link.title}</p>
        <p className="truncate text-neutral-500 text-xs dark:text-neutral-400">
          <LocalTime ms={link.createdAt} /> · {t.messageCount(link.messageCount)}
        </p>
      </div>
      <RevokeWithConfirm
        question={t.confirmRevoke}
        testId="revoke-share"
        confirmTestId="confirm-revoke"
        onRevoke={() => onRevoke(link.id)}
      >
        <a
          href={link.url}
          target="_blank"
          rel="noopener noreferrer"
          aria-label={`${t.openLink}: ${link.title}`}
          title={t.openLink}
          data-testid="open-share"
          className="inline-flex size-7 shrink-0 items-center justify-center rounded-md text-neutral-500 hover:bg-neutral-200 hover:text-neutral-900 dark:hover:bg-neutral-700 dark:hover:text-neutral-100"
        >
          <Icon name="external" className="size-3.5" />
        </a>
        <CopyButton text={link.url} label={t.copyLink} copiedLabel={t.copied} />
      </RevokeWithConfirm>
    </li>
  );
}
