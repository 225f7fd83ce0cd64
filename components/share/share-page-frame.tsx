"use client";

import type { ReactNode } from "react";
import { useT } from "@/components/i18n/locale-provider";
import { Icon } from "@/components/ui/icons";

/** What every share page shows around its content: whose app this is, that it is read only, a way in. */
export function SharePageFrame({ children }: { children: ReactNode }) {
  const t = useT();
  return (
    <div className="flex min-h-dvh flex-col bg-white text-neutral-900 dark:bg-neutral-950 dark:text-neutral-100">
      <header className="sticky top-0 z-10 border-neutral-200 border-b bg-white/90 backdrop-blur dark:border-neutral-800 dark:bg-neutral-950/90">
        <div className="mx-auto flex h-12 w-full max-w-3xl items-center gap-2 px-4">
          <Icon name="logo" className="size-6 shrink-0 text-brand-600 dark:text-brand-300" />
          <span className="font-medium text-sm">{t.appName}</span>
          <span
            data-testid="shared-badge"
            className="min-w-0 truncate rounded-full bg-neutral-100 px-2 py-0.5 text-neutral-600 text-xs dark:bg-neutral-800 dark:text-neutral-300"
          >
            {t.sharedReadOnly}
          </span>
          {/* A plain link: a Next <Link> would prefetch with fetch, which this page's policy forbids. */}
          <a
            href="/"
            data-testid="start-own-chat"
            className="ml-auto inline-flex shrink-0 items-center gap-1 rounded-lg bg-brand-600 px-3 py-1.5 font-medium text-white text-xs hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-brand-500 focus-visible:outline-offset-2"
          >
            <Icon name="plus" className="size-3.5" />
            {t.startOwnChat}
          </a>
        </div>
      </header>
      <main className="mx-auto w-full max-w-3xl flex-1 px-4 py-8">{children}</main>
      <footer className="mx-auto w-full max-w-3xl px-4 pb-6 text-center text-neutral-500 text-xs dark:text-neutral-400">
        {t.disclaimer}
      </footer>
    </div>
  );
}
