"use client";

import { type RefObject, useCallback, useEffect, useRef, useState } from "react";
import { useT } from "@/components/i18n/locale-provider";
import { Icon } from "@/components/ui/icons";
import { useDismiss } from "@/components/ui/use-dismiss";
import { signOut, signOutEverywhere } from "@/lib/chat-client/account-api";
import { type SignedInAccount, useAccount } from "./account-context";
import { ApiKeysDialog } from "./api-keys-dialog";
import { BudgetLeft } from "./budget-left";
import { ChangePasswordDialog } from "./change-password-dialog";

const ITEM =
  "flex w-full items-center gap-2 rounded-lg px-2.5 py-2 text-left text-sm hover:bg-neutral-100 focus-visible:bg-neutral-100 focus-visible:outline-none dark:hover:bg-neutral-800 dark:focus-visible:bg-neutral-800";

/**
 * The sidebar foot's account button (accounts mode only): who is signed in, and a menu that opens
 * upwards with what is left of a limited budget, change password, API keys, tool settings, the admin page for
 * admins, sign out and sign out everywhere.
 */
export function AccountMenu() {
  const t = useT();
  const account = useAccount();
  const [open, setOpen] = useState(false);
  const [dialog, setDialog] = useState<"password" | "keys" | undefined>(undefined);
  const box = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useMenuDismiss(open, box, close);
  if (!account) return null;

  const initial = (account.name || account.email).trim().charAt(0).toUpperCase();
  return (
    <div ref={box} className="relative border-neutral-200 border-t px-2 pt-2 dark:border-neutral-800">
      {open && (
        <AccountMenuPanel
          account={account}
          onOpen={(which) => {
            setOpen(false);
            setDialog(which);
          }}
        />
      )}
      <button
        type="button"
        data-testid="account-button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((value) => !value)}
        className="flex w-full items-center gap-2.5 rounded-lg px-2 py-1.5 text-left hover:bg-neutral-100 focus-visible:outline-2 focus-visible:outline-brand-500 dark:hover:bg-neutral-800"
      >
        <span
          aria-hidden="true"
          className="flex size-7 shrink-0 items-center justify-center rounded-full bg-brand-600 font-medium text-white text-xs"
        >
          {initial}
        </span>
        <span className="min-w-0 flex-1">
          <span className="block truncate font-medium text-sm" data-testid="account-name">
            {account.name || account.email}
          </span>
          {account.role === "admin" && (
            <span className="block text-neutral-500 text-xs dark:text-neutral-400">{t.roleAdmin}</span>
          )}
        </span>
      </button>
      {dialog === "password" && <ChangePasswordDialog onClose={() => setDialog(undefined)} />}
      {dialog === "keys" && <ApiKeysDialog onClose={() => setDialog(undefined)} />}
    </div>
  );
}

/** Closes the open menu on a click outside it or on Escape, and focuses its first item on opening. */
function useMenuDismiss(open: boolean, box: RefObject<HTMLDivElement | null>, close: () => void): void {
  useDismiss(open, box, close);
  useEffect(() => {
    if (open) box.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [open, box]);
}

async function leave(everywhere: boolean): Promise<void> {
  await (everywhere ? signOutEverywhere() : signOut());
  window.location.replace("/sign-in");
}

function AccountMenuPanel({
  account,
  onOpen,
}: {
  account: SignedInAccount;
  onOpen: (dialog: "password" | "keys") => void;
}) {
  const t = useT();
  return (
    <div
      role="menu"
      data-testid="account-menu"
      aria-label={t.accountMenu}
      className="absolute right-2 bottom-full left-2 z-50 mb-1 rounded-xl border border-neutral-200 bg-white p-1 shadow-lg dark:border-neutral-700 dark:bg-neutral-900"
    >
      <p className="truncate px-2.5 pt-1.5 pb-2 text-neutral-500 text-xs dark:text-neutral-400">
        {account.email}
      </p>
      {/* What is left of a limited budget, fetched each time the menu opens. */}
      <BudgetLeft className="space-y-0.5 px-2.5 pb-2 text-neutral-600 text-xs dark:text-neutral-300" />
      <button
        type="button"
        role="menuitem"
        className={ITEM}
        data-testid="menu-change-password"
        onClick={() => onOpen("password")}
      >
        <Icon name="key" className="size-4" />
        {t.changePassword}
      </button>
      <button
        type="button"
        role="menuitem"
        className={ITEM}
        data-testid="menu-api-keys"
        onClick={() => onOpen("keys")}
      >
        <Icon name="key" className="size-4" />
        {t.apiKeysTitle}
      </button>
      <a role="menuitem" href="/settings/tools" className={ITEM} data-testid="menu-tools">
        <Icon name="wrench" className="size-4" />
        {t.toolsTitle}
      </a>
      {account.role === "admin" && (
        <a role="menuitem" href="/admin" className={ITEM} data-testid="menu-admin">
          <Icon name="external" className="size-4" />
          {t.adminTitle}
        </a>
      )}
      <hr className="my-1 border-neutral-200 dark:border-neutral-800" />
      <button
        type="button"
        role="menuitem"
        className={ITEM}
        data-testid="menu-sign-out"
        onClick={() => leave(false)}
      >
        {t.signOut}
      </button>
      <button
        type="button"
        role="menuitem"
        className={ITEM}
        data-testid="menu-sign-out-everywhere"
        title={t.signOutEverywhereHint}
        onClick={() => leave(true)}
      >
        {t.signOutEverywhere}
      </button>
    </div>
  );
}
