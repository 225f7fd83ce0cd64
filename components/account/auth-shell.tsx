"use client";

import type { ReactNode } from "react";
import type { Locale } from "@/components/i18n/dictionary";
import { LanguageSwitcher } from "@/components/i18n/language-switcher";
import { LocaleProvider } from "@/components/i18n/locale-provider";

/** The sign-in pages' client root: the language context, its switcher, and the page's one card. */
export function AuthShell({ initialLocale, children }: { initialLocale: Locale; children: ReactNode }) {
  return (
    <LocaleProvider initialLocale={initialLocale}>
      <div className="flex h-dvh flex-col overflow-y-auto bg-white text-neutral-900 dark:bg-neutral-950 dark:text-neutral-100">
        <header className="flex h-12 shrink-0 items-center justify-end px-2 md:px-4">
          <LanguageSwitcher />
        </header>
        <main className="flex flex-1 items-start justify-center px-4 pt-[10vh] pb-8">{children}</main>
      </div>
    </LocaleProvider>
  );
}
