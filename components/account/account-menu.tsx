"use client";

import { useEffect, useRef, useState } from "react";
import { useT } from "@/components/i18n/locale-provider";
import { Icon } from "@/components/ui/icons";
import { signOut, signOutEverywhere } from "@/lib/chat-client/account-api";
import { useAccount } from "./account-context";
import { ChangePasswordDialog } from "./change-password-dialog";

const ITEM =
  "flex w-full items-center gap-2 rounded-lg px-2.5 py-2 text-left text-sm hover:bg-neutral-100 focus-visible:bg-neutral-100 focus-visible:outline-none dark:hover:bg-neutral-800 dark:focus-visible:bg-neutral-800";

/**
 * The sidebar foot's account button (accounts mode only): who is signed in, and a menu that opens
 * upwards with change password, People for admins, sign out and sign out everywhere.
 */
export function AccountMenu() {
  const t = useT();
  const account = useAccount();
  const [open, setOpen] = useState(false);
  const [changing, setChanging] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (event: PointerEvent) => {
      if (!box.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") setOpen(false);
    };
    document.addEventListener("pointerdown", onDown);
    document.addEventListener("keydown", onKey);
    box.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    return () => {
      document.removeEventListener("pointerdown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);
  if (!account) return null;

  const leave = async (everywhere: boolean) => {
    await (everywhere ? signOutEverywhere() : signOut());
    window.location.replace("/sign-in");
  };
  const initial = (account.name || account.email).trim().charAt(0).toUpperCase();
  return (
    <div ref={box} className="relative border-neutral-200 border-t px-2 pt-2 dark:border-neutral-800">
      {open && (
        <div
          role="menu"
          data-testid="account-menu"
          aria-label={t.accountMenu}
          className="absolute right-2 bottom-full left-2 z-50 mb-1 rounded-xl border border-neutral-200 bg-white p-1 shadow-lg dark:border-neutral-700 dark:bg-neutral-900"
        >
          <p className="truncate px-2.5 pt-1.5 pb-2 text-neutral-500 text-xs dark:text-neutral-400">
            {account.email}
          </p>
          <button
            type="button"
            role="menuitem"
            className={ITEM}
            data-testid="menu-change-password"
            onClick={() => {
              setOpen(false);
              setChanging(true);
            }}
          >
            <Icon name="key" className="size-4" />
            {t.changePassword}
          </button>
          {account.role === "admin" && (
            <a role="menuitem" href="/people" className={ITEM} data-testid="menu-people">
              <Icon name="external" className="size-4" />
              {t.peopleTitle}
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
      {changing && <ChangePasswordDialog onClose={() => setChanging(false)} />}
    </div>
  );
}
