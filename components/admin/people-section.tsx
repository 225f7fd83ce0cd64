"use client";

import { useEffect, useState } from "react";
import { SECONDARY_BUTTON } from "@/components/account/form-parts";
import { useT } from "@/components/i18n/locale-provider";
import { changePerson, listPeople, type PersonRow } from "@/lib/chat-client/account-api";
import { BudgetEditor } from "./budget-editor";

/**
 * The admin page's accounts: every account, with approve / disable / make admin on each but the
 * admin's own. `onChanged` hears of each change made (the audit log shows it next).
 */
export function PeopleSection({ selfId, onChanged }: { selfId: string; onChanged: () => void }) {
  const t = useT();
  const [people, setPeople] = useState<PersonRow[] | undefined | null>(null);
  useEffect(() => {
    void listPeople().then(setPeople);
  }, []);
  const apply = async (id: string, change: Parameters<typeof changePerson>[1]) => {
    const changed = await changePerson(id, change);
    if (!changed) return;
    setPeople((list) => list?.map((person) => (person.id === id ? changed : person)));
    onChanged();
  };
  return (
    <section aria-labelledby="people-title">
      <h2 id="people-title" className="mt-8 font-semibold text-lg">
        {t.peopleTitle}
      </h2>
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
            onBudgetSaved={onChanged}
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
  onBudgetSaved: () => void;
}

function PersonItem({ person, self, onChange, onBudgetSaved }: PersonItemProps) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [budgetOpen, setBudgetOpen] = useState(false);
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
      data-id={person.id}
      data-email={person.email}
      data-status={person.status}
      data-role={person.role}
      className="flex flex-wrap items-center gap-3 px-4 py-3"
    >
      <div className="min-w-40 flex-1">
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
      <button
        type="button"
        data-testid="edit-budget"
        aria-expanded={budgetOpen}
        className={SECONDARY_BUTTON}
        onClick={() => setBudgetOpen((open) => !open)}
      >
        {t.budgetEdit}
      </button>
      {!self && <PersonActions person={person} busy={busy} act={act} />}
      {budgetOpen && <BudgetEditor personId={person.id} onSaved={onBudgetSaved} />}
    </li>
  );
}

type Change = Parameters<typeof changePerson>[1];

/** Approve or enable, disable, make or unmake admin: on every account but the admin's own. */
function PersonActions({
  person,
  busy,
  act,
}: {
  person: PersonRow;
  busy: boolean;
  act: (change: Change) => () => void;
}) {
  const t = useT();
  return (
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
  );
}
