"use client";

import { useEffect, useState } from "react";
import { useLocale, useT } from "@/components/i18n/locale-provider";
import { type AccountBudget, fetchAccountBudget, type MeasureLeft } from "@/lib/chat-client/budget-api";
import { useAccount } from "./account-context";

// What is left of the signed-in person's budgets, and when each resets (PROTOCOL.md section 17):
// under a refusal's notice and in the account menu. Nothing when no limit applies.

function useAccountBudget(): AccountBudget | undefined {
  const account = useAccount();
  const [budget, setBudget] = useState<AccountBudget | undefined>(undefined);
  useEffect(() => {
    if (!account) return;
    let live = true;
    void fetchAccountBudget().then((value) => {
      if (live) setBudget(value);
    });
    return () => {
      live = false;
    };
  }, [account]);
  return budget;
}

export function BudgetLeft({ className }: { className?: string }) {
  const t = useT();
  const { locale } = useLocale();
  const budget = useAccountBudget();
  if (!budget) return null;
  const numbers = new Intl.NumberFormat(locale === "zh" ? "zh-CN" : "en-US");
  const money = new Intl.NumberFormat(locale === "zh" ? "zh-CN" : "en-US", {
    style: "currency",
    currency: "USD",
    maximumFractionDigits: 4,
  });
  const when = (measure: MeasureLeft) =>
    new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en", {
      dateStyle: "medium",
      timeStyle: "short",
    }).format(measure.resetsAt);
  const lines: { id: string; text: string }[] = [];
  const { tokensPerDay: tokens, usdPerMonth: usd } = budget;
  if (tokens.limit !== null && tokens.left !== null) {
    lines.push({
      id: "tokens",
      text: t.budgetTokensLeft(numbers.format(tokens.left), numbers.format(tokens.limit), when(tokens)),
    });
  }
  if (usd.limit !== null && usd.left !== null) {
    lines.push({
      id: "usd",
      text: t.budgetUsdLeft(money.format(usd.left), money.format(usd.limit), when(usd)),
    });
  }
  if (lines.length === 0) return null;
  return (
    <div data-testid="budget-left" className={className}>
      {lines.map((line) => (
        <p key={line.id} data-testid={`budget-left-${line.id}`}>
          {line.text}
        </p>
      ))}
    </div>
  );
}
