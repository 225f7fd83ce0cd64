"use client";

import { useCallback, useState } from "react";
import type { Locale } from "@/components/i18n/dictionary";
import { LocaleProvider, useT } from "@/components/i18n/locale-provider";
import { BackToChatHeader } from "@/components/ui/back-to-chat-header";
import { AuditLogSection } from "./audit-log-section";
import { PeopleSection } from "./people-section";
import { UsageSection } from "./usage-section";

/** The admin's page (accounts mode): people, their usage and cost, and the audit log. */
export function AdminScreen({ initialLocale, selfId }: { initialLocale: Locale; selfId: string }) {
  return (
    <LocaleProvider initialLocale={initialLocale}>
      <div className="flex min-h-dvh flex-col bg-white text-neutral-900 dark:bg-neutral-950 dark:text-neutral-100">
        <BackToChatHeader />
        <AdminSections selfId={selfId} />
      </div>
    </LocaleProvider>
  );
}

function AdminSections({ selfId }: { selfId: string }) {
  const t = useT();
  // Each change made in People remounts the audit log, which loads again and shows it.
  const [changes, setChanges] = useState(0);
  const changed = useCallback(() => setChanges((count) => count + 1), []);
  return (
    <main className="mx-auto w-full max-w-5xl px-4 pb-12">
      <h1 className="mt-6 font-semibold text-2xl">{t.adminTitle}</h1>
      <p className="mt-1 text-neutral-600 text-sm dark:text-neutral-400">{t.adminIntro}</p>
      <UsageSection />
      <PeopleSection selfId={selfId} onChanged={changed} />
      <AuditLogSection key={changes} />
    </main>
  );
}
