"use client";

import { useEffect, useId, useState } from "react";
import { PRIMARY_BUTTON, SECONDARY_BUTTON } from "@/components/account/form-parts";
import { formatCount, formatMoney } from "@/components/chat/format";
import { useT } from "@/components/i18n/locale-provider";
import {
  type BudgetSetting,
  fetchPersonBudget,
  type PersonBudget,
  savePersonBudget,
} from "@/lib/chat-client/person-budget-api";

type Kind = "default" | "unlimited" | "custom";

interface Draft {
  kind: Kind;
  amount: string;
}

const draftOf = (setting: BudgetSetting): Draft =>
  typeof setting === "number" ? { kind: "custom", amount: String(setting) } : { kind: setting, amount: "" };

/** The draft as the route takes it; undefined while a custom amount is not a number ≥ 0. */
function settingOf(draft: Draft, whole: boolean): BudgetSetting | undefined {
  if (draft.kind !== "custom") return draft.kind;
  const value = Number(draft.amount);
  if (draft.amount.trim() === "" || !Number.isFinite(value) || value < 0) return undefined;
  return whole ? Math.round(value) : value;
}

/**
 * One person's budgets on the admin page (PROTOCOL.md section 17): tokens a day and dollars a
 * month, each the deployment's default, unlimited, or an amount of the admin's; what is spent so
 * far beside it. Saving writes an audit line (section 18), which `onSaved` lets the log show.
 */
export function BudgetEditor({ personId, onSaved }: { personId: string; onSaved: () => void }) {
  const t = useT();
  const [budget, setBudget] = useState<PersonBudget | null | undefined>(null);
  const [tokens, setTokens] = useState<Draft>({ kind: "default", amount: "" });
  const [usd, setUsd] = useState<Draft>({ kind: "default", amount: "" });
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  useEffect(() => {
    void fetchPersonBudget(personId).then((loaded) => {
      setBudget(loaded);
      if (!loaded) return;
      setTokens(draftOf(loaded.tokensPerDay.setting));
      setUsd(draftOf(loaded.usdPerMonth.setting));
    });
  }, [personId]);
  if (budget === null) return <p className="mt-2 text-neutral-500 text-xs">{t.working}</p>;
  if (budget === undefined)
    return <p className="mt-2 text-red-700 text-xs dark:text-red-300">{t.budgetLoadFailed}</p>;

  const tokensSetting = settingOf(tokens, true);
  const usdSetting = settingOf(usd, false);
  const save = async () => {
    if (tokensSetting === undefined || usdSetting === undefined) return;
    setState({ busy: true });
    const saved = await savePersonBudget(personId, {
      tokens_per_day: tokensSetting,
      usd_per_month: usdSetting,
    });
    if (!saved.ok) return setState({ busy: false, error: saved.message });
    setBudget(saved.budget);
    setState({ busy: false });
    onSaved();
  };
  const defaults = budget.defaults;
  return (
    <form
      data-testid="budget-editor"
      className="mt-3 flex w-full flex-wrap items-end gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <MeasureField
        label={t.budgetTokensPerDay}
        testId="budget-tokens"
        draft={tokens}
        onChange={setTokens}
        defaultText={defaults.tokensPerDay === null ? t.budgetUnlimited : formatCount(defaults.tokensPerDay)}
        spent={t.budgetSpentToday(formatCount(Math.round(budget.tokensPerDay.spent)))}
        invalid={tokensSetting === undefined}
      />
      <MeasureField
        label={t.budgetUsdPerMonth}
        testId="budget-usd"
        draft={usd}
        onChange={setUsd}
        defaultText={
          defaults.usdPerMonth === null ? t.budgetUnlimited : formatMoney(defaults.usdPerMonth, "usd")
        }
        spent={t.budgetSpentMonth(formatMoney(budget.usdPerMonth.spent, "usd"))}
        invalid={usdSetting === undefined}
      />
      <button
        type="submit"
        data-testid="budget-save"
        disabled={state.busy || tokensSetting === undefined || usdSetting === undefined}
        className={`${PRIMARY_BUTTON} w-auto px-4`}
      >
        {t.budgetSave}
      </button>
      {state.error && (
        <p role="alert" className="w-full text-red-700 text-xs dark:text-red-300">
          {state.error}
        </p>
      )}
    </form>
  );
}

interface MeasureFieldProps {
  label: string;
  testId: string;
  draft: Draft;
  onChange: (draft: Draft) => void;
  defaultText: string;
  spent: string;
  invalid: boolean;
}

function MeasureField({ label, testId, draft, onChange, defaultText, spent, invalid }: MeasureFieldProps) {
  const t = useT();
  const id = useId();
  return (
    <fieldset className="min-w-48 flex-1" data-testid={testId}>
      <legend className="font-medium text-xs">{label}</legend>
      <div className="mt-1 flex gap-1.5">
        <select
          id={`${id}-kind`}
          aria-label={label}
          value={draft.kind}
          onChange={(event) => onChange({ ...draft, kind: kindOf(event.target.value) })}
          className={`${SECONDARY_BUTTON} h-9`}
        >
          <option value="default">{t.budgetDefault(defaultText)}</option>
          <option value="unlimited">{t.budgetUnlimited}</option>
          <option value="custom">{t.budgetCustom}</option>
        </select>
        {draft.kind === "custom" && (
          <input
            type="number"
            min={0}
            step="any"
            inputMode="decimal"
            aria-label={t.budgetAmount(label)}
            aria-invalid={invalid || undefined}
            value={draft.amount}
            onChange={(event) => onChange({ ...draft, amount: event.target.value })}
            className="h-9 w-28 rounded-lg border border-neutral-300 bg-white px-2 text-sm aria-invalid:border-red-500 dark:border-neutral-700 dark:bg-neutral-900"
          />
        )}
      </div>
      <p className="mt-1 text-neutral-500 text-xs dark:text-neutral-400">{spent}</p>
    </fieldset>
  );
}

const kindOf = (value: string): Kind => (value === "unlimited" || value === "custom" ? value : "default");
