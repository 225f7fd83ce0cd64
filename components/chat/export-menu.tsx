"use client";

import { type KeyboardEvent, type RefObject, useEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { useLocale } from "@/components/i18n/locale-provider";
import { IconButton } from "@/components/ui/icon-button";
import { Icon } from "@/components/ui/icons";
import { conversationExportUrl } from "@/lib/chat-client/export-links";

/**
 * A conversation's menu in the sidebar: its exports, as links the browser downloads itself. The
 * menu is placed in <body>, fixed below its button: neither the list's scrolling box nor the
 * drawer's transform (which would hold a fixed element) can clip or move it.
 */
export function ExportMenu({ id }: { id: string }) {
  const { t, locale } = useLocale();
  const [at, setAt] = useState<{ top: number; right: number } | null>(null);
  const button = useRef<HTMLButtonElement | null>(null);
  const menu = useRef<HTMLDivElement>(null);
  const close = (refocus: boolean) => {
    setAt(null);
    if (refocus) button.current?.focus();
  };
  useDismiss(at !== null, menu, button, () => close(false));
  const open = at !== null;
  useEffect(() => {
    // A menu opens with its first item focused (React's autoFocus skips links).
    if (open) menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [open]);

  const items = [
    { label: t.exportMarkdown, href: conversationExportUrl(id, "md", locale), testId: "export-markdown" },
    { label: t.exportJson, href: conversationExportUrl(id, "json", locale), testId: "export-json" },
  ];
  return (
    <>
      <IconButton
        label={t.conversationActions}
        size="sm"
        data-testid="conversation-menu"
        aria-haspopup="menu"
        aria-expanded={at !== null}
        onClick={(event) => {
          button.current = event.currentTarget;
          const box = event.currentTarget.getBoundingClientRect();
          setAt(at ? null : { top: box.bottom + 4, right: window.innerWidth - box.right });
        }}
      >
        <Icon name="more" className="size-3.5" />
      </IconButton>
      {at &&
        createPortal(
          <div
            ref={menu}
            role="menu"
            aria-label={t.conversationActions}
            data-testid="conversation-menu-items"
            style={{ top: at.top, right: at.right }}
            onKeyDown={(event) => moveFocus(event, () => close(true))}
            className="fixed z-50 min-w-48 rounded-lg border border-neutral-200 bg-white p-1 shadow-lg dark:border-neutral-700 dark:bg-neutral-900"
          >
            {items.map((item) => (
              <a
                key={item.testId}
                role="menuitem"
                href={item.href}
                download
                data-testid={item.testId}
                onClick={() => close(false)}
                className="flex h-8 items-center gap-2 rounded-md px-2 text-neutral-800 text-sm hover:bg-neutral-100 focus-visible:bg-neutral-100 focus-visible:outline-none dark:text-neutral-200 dark:focus-visible:bg-neutral-800 dark:hover:bg-neutral-800"
              >
                <Icon name="download" className="size-3.5 text-neutral-500" />
                {item.label}
              </a>
            ))}
          </div>,
          document.body,
        )}
    </>
  );
}

/** Arrow keys move between the items, Escape closes and gives the focus back, Tab leaves. */
function moveFocus(event: KeyboardEvent<HTMLDivElement>, onEscape: () => void): void {
  const items = [...event.currentTarget.querySelectorAll('[role="menuitem"]')];
  const index = items.indexOf(document.activeElement ?? document.body);
  if (event.key === "Escape") {
    event.preventDefault();
    event.stopPropagation();
    onEscape();
  } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
    event.preventDefault();
    const step = event.key === "ArrowDown" ? 1 : -1;
    const next = items[(index + step + items.length) % items.length];
    if (next instanceof HTMLElement) next.focus();
  }
}

/** A click elsewhere, a scroll or a resize closes the menu: its place was measured once. */
function useDismiss(
  open: boolean,
  menu: RefObject<HTMLDivElement | null>,
  button: RefObject<HTMLButtonElement | null>,
  onDismiss: () => void,
): void {
  const dismiss = useRef(onDismiss);
  dismiss.current = onDismiss;
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      const target = event.target instanceof Node ? event.target : null;
      if (menu.current?.contains(target) || button.current?.contains(target)) return;
      dismiss.current();
    };
    const onMove = () => dismiss.current();
    document.addEventListener("pointerdown", onPointer);
    window.addEventListener("resize", onMove);
    document.addEventListener("scroll", onMove, true);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      window.removeEventListener("resize", onMove);
      document.removeEventListener("scroll", onMove, true);
    };
  }, [open, menu, button]);
}
