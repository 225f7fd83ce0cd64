"use client";

import { useEffect, useState } from "react";
import { SECONDARY_BUTTON } from "@/components/account/form-parts";
import { useLocale, useT } from "@/components/i18n/locale-provider";
import type { AuditEntry, AuditPerson } from "@/lib/admin/audit-entry";
import { fetchAuditPage } from "@/lib/chat-client/admin-api";
import { auditChanges, auditVerbs } from "./audit-description";

/** Admins' actions, newest first (the page remounts it to reload after a change made there). */
export function AuditLogSection() {
  const t = useT();
  const [entries, setEntries] = useState<AuditEntry[] | undefined | null>(null);
  const [next, setNext] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void fetchAuditPage().then((page) => {
      if (!current) return;
      setEntries(page?.entries);
      setNext(page?.next ?? null);
    });
    return () => {
      current = false;
    };
  }, []);
  const older = async () => {
    if (next === null) return;
    const page = await fetchAuditPage(next);
    if (!page) return;
    setEntries((list) => [...(list ?? []), ...page.entries]);
    setNext(page.next);
  };
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title" className="mt-10 font-semibold text-lg">
        {t.auditTitle}
      </h2>
      {entries === undefined && (
        <p className="mt-4 text-red-700 text-sm dark:text-red-300">{t.auditFailed}</p>
      )}
      {entries?.length === 0 && (
        <p className="mt-4 text-neutral-600 text-sm dark:text-neutral-400">{t.auditEmpty}</p>
      )}
      {entries && entries.length > 0 && (
        <ol
          data-testid="audit-log"
          className="mt-4 divide-y divide-neutral-200 rounded-2xl border border-neutral-200 dark:divide-neutral-800 dark:border-neutral-800"
        >
          {entries.map((entry) => (
            <AuditLine key={entry.id} entry={entry} />
          ))}
        </ol>
      )}
      {next !== null && (
        <button
          type="button"
          className={`${SECONDARY_BUTTON} mt-3`}
          onClick={older}
          data-testid="audit-older"
        >
          {t.auditOlder}
        </button>
      )}
    </section>
  );
}

function who(person: AuditPerson): string {
  return person.name || person.email || person.id;
}

function AuditLine({ entry }: { entry: AuditEntry }) {
  const { locale, t } = useLocale();
  const when = new Date(entry.at).toLocaleString(locale === "zh" ? "zh-CN" : "en-US", {
    dateStyle: "medium",
    timeStyle: "short",
  });
  return (
    <li
      data-testid="audit-entry"
      data-action={entry.action}
      data-target={entry.target.email ?? entry.target.id}
      className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-4 py-3 text-sm"
    >
      <time
        dateTime={new Date(entry.at).toISOString()}
        className="text-neutral-500 text-xs tabular-nums dark:text-neutral-400"
      >
        {when}
      </time>
      <p className="min-w-48 flex-1">
        <span className="font-medium" title={entry.actor.email}>
          {who(entry.actor)}
        </span>{" "}
        {auditVerbs(entry, t).join(", ")}{" "}
        <span className="font-medium" title={entry.target.email}>
          {entry.action === "tools" ? t.auditEveryone : who(entry.target)}
        </span>
      </p>
      <ul className="flex flex-wrap gap-1.5">
        {auditChanges(entry, t).map((change) => (
          <li
            key={change.field}
            data-testid="audit-change"
            className="rounded-full bg-neutral-100 px-2 py-0.5 text-neutral-700 text-xs dark:bg-neutral-800 dark:text-neutral-300"
          >
            {change.field}: {change.before} → {change.after}
          </li>
        ))}
      </ul>
    </li>
  );
}
