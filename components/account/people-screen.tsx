"use client";

import { useEffect, useState } from "react";
import type { Locale } from "@/components/i18n/dictionary";
import { LanguageSwitcher } from "@/components/i18n/language-switcher";
import { LocaleProvider, useT } from "@/components/i18n/locale-provider";
import { Icon } from "@/components/ui/icons";
import { changePerson, listPeople, type PersonRow } from "@/lib/chat-client/account-api";
import { SECONDARY_BUTTON } from "./form-parts";

/** The admin's page: every account, with approve / disable / make admin on each but their own. */
export function PeopleScreen({ initialLocale, selfId }: { initialLocale: Locale; selfId: string }) {
  return (
    <LocaleProvider initialLocale={initialLocale}>
      <div className="flex h-dvh flex-col overflow-y-auto bg-white text-neutral-900 dark:bg-neutral-950 dark:text-neutral-100">
        <PeopleHeader />
        <main className="mx-auto w-full max-w-3xl px-4 pb-10">
          <PeopleList selfId={selfId} />
        </main>
      </div>
    </LocaleProvider>
  );
}

function PeopleHeader() {
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

function PeopleList({ selfId }: { selfId: string }) {
  const t = useT();
  const [people, setPeople] = useState<PersonRow[] | undefined | null>(null);
  useEffect(() => {
    void listPeople().then(setPeople);
  }, []);
  const apply = async (id: string, change: Parameters<typeof changePerson>[1]) => {
    const changed = await changePerson(id, change);
    if (changed) setPeople((list) => list?.map((person) => (person.id === id ? changed : person)));
  };
  return (
    <section aria-labelledby="people-title">
      <h1 id="people-title" className="mt-6 font-semibold text-2xl">
        {t.peopleTitle}
      </h1>
      <p className="mt-1 text-neutral-600 text-sm dark:text-neutral-400">{t.peopleIntro}</p>
      {people === undefined && (
        <p className="mt-6 text-red-700 text-sm dark:text-red-300">{t.peopleFailed}</p>
      )}
      <ul
        data-testid="people-list"
        className="mt-6 divide-y divide-neutral-200 rounded-2xl border border-neutral-200 dark:divide-neutral-800 dark:border-neutral-800"
      >
        {people?.map((person) => (
          <PersonItem
            key={person.id}
            person={person}
            self={person.id === selfId}
            onChange={(change) => apply(person.id, change)}
          />
        ))}
      </ul>
    </section>
  );
}

const BADGE: Record<PersonRow["status"], string> = {
  pending: "bg-amber-100 text-amber-800 dark:bg-amber-900/40 dark:text-amber-200",
  active: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/40 dark:text-emerald-200",
  disabled: "bg-neutral-200 text-neutral-700 dark:bg-neutral-800 dark:text-neutral-300",
};

interface PersonItemProps {
  person: PersonRow;
  self: boolean;
  onChange: (change: Parameters<typeof changePerson>[1]) => Promise<void>;
}

function PersonItem({ person, self, onChange }: PersonItemProps) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const act = (change: Parameters<typeof changePerson>[1]) => async () => {
    setBusy(true);
    await onChange(change);
    setBusy(false);
  };
  const status = { pending: t.statusPending, active: t.statusActive, disabled: t.statusDisabled }[
    person.status
  ];
  return (
    <li
      data-testid="person"
      data-email={person.email}
      data-status={person.status}
      data-role={person.role}
      className="flex flex-wrap items-center gap-3 px-4 py-3"
    >
      <div className="min-w-0 flex-1">
        <p className="truncate font-medium text-sm">
          {person.name}
          {self && (
            <span className="ml-1.5 text-neutral-500 text-xs dark:text-neutral-400">({t.youMark})</span>
          )}
        </p>
        <p className="truncate text-neutral-500 text-xs dark:text-neutral-400">{person.email}</p>
      </div>
      {person.role === "admin" && (
        <span className="rounded-full bg-brand-100 px-2 py-0.5 font-medium text-brand-800 text-xs dark:bg-brand-900/40 dark:text-brand-200">
          {t.roleAdmin}
        </span>
      )}
      <span className={`rounded-full px-2 py-0.5 font-medium text-xs ${BADGE[person.status]}`}>{status}</span>
      {!self && (
        <div className="flex gap-1.5">
          {person.status !== "active" && (
            <button
              type="button"
              disabled={busy}
              data-testid="approve"
              className={SECONDARY_BUTTON}
              onClick={act({ status: "active" })}
            >
              {person.status === "pending" ? t.approve : t.enable}
            </button>
          )}
          {person.status !== "disabled" && (
            <button
              type="button"
              disabled={busy}
              data-testid="disable"
              className={SECONDARY_BUTTON}
              onClick={act({ status: "disabled" })}
            >
              {t.disable}
            </button>
          )}
          <button
            type="button"
            disabled={busy}
            data-testid="toggle-admin"
            className={SECONDARY_BUTTON}
            onClick={act({ role: person.role === "admin" ? "user" : "admin" })}
          >
            {person.role === "admin" ? t.removeAdmin : t.makeAdmin}
          </button>
        </div>
      )}
    </li>
  );
}
