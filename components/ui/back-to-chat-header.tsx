"use client";
import { LanguageSwitcher } from "@/components/i18n/language-switcher";
import { useT } from "@/components/i18n/locale-provider";
import { Icon } from "./icons";

/** The header of a page beside the chat (admin, tool settings): the way back, and the language. */
export function BackToChatHeader() {
  const t = useT();
  return (
    <header className="flex h-12 shrink-0 items-center justify-between px-2 md:px-4">
      <a
        href="/"
        data-testid="back-to-chat"
        className="flex items-center gap-1.5 rounded-lg px-2 py-1 text-neutral-600 text-sm hover:bg-neutral-100 dark:text-neutral-400 dark:hover:bg-neutral-800"
      >
        <Icon name="arrow-up" className="size-4 -rotate-90" />
        {t.backToChat}
      </a>
      <LanguageSwitcher />
    </header>
  );
}
