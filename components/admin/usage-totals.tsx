"use client";

import { useLocale } from "@/components/i18n/locale-provider";
import type { UsageFigures, UsageReport } from "@/lib/admin/usage-figures";
import { formatMoney, formatShare, formatTokens } from "./format-figures";

const CELL = "whitespace-nowrap px-3 py-2 text-right tabular-nums";

/** The period's totals: one row per person (most tokens first) and one for everyone. */
export function UsageTotals({ report }: { report: UsageReport }) {
  const { t } = useLocale();
  const unpriced = report.total.unpricedAnswers;
  return (
    <div className="mt-6">
      <div className="overflow-x-auto rounded-2xl border border-neutral-200 dark:border-neutral-800">
        <table data-testid="usage-totals" className="w-full text-sm">
          <thead className="text-neutral-500 text-xs dark:text-neutral-400">
            <tr className="border-neutral-200 border-b dark:border-neutral-800">
              <th scope="col" className="px-3 py-2 text-left font-medium">
                {t.usagePerson}
              </th>
              {[t.usageAnswers, t.usageTokensIn, t.usageTokensOut, t.usageCacheHits, "USD", "CNY"].map(
                (label) => (
                  <th key={label} scope="col" className="whitespace-nowrap px-3 py-2 text-right font-medium">
                    {label}
                  </th>
                ),
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-neutral-200 dark:divide-neutral-800">
            {report.people.map((person) => (
              <FiguresRow
                key={person.id}
                testId="usage-person"
                email={person.email}
                label={person.name || person.email}
                hint={person.email}
                figures={person}
              />
            ))}
          </tbody>
          <tfoot className="border-neutral-200 border-t font-semibold dark:border-neutral-800">
            <FiguresRow testId="usage-total" label={t.usageEveryone} figures={report.total} />
          </tfoot>
        </table>
      </div>
      {unpriced > 0 && (
        <p className="mt-2 text-neutral-500 text-xs dark:text-neutral-400" data-testid="usage-unpriced">
          {t.usageUnpriced(unpriced)}
        </p>
      )}
    </div>
  );
}

interface FiguresRowProps {
  testId: string;
  label: string;
  figures: UsageFigures;
  email?: string;
  hint?: string;
}

function FiguresRow(props: FiguresRowProps) {
  const { locale } = useLocale();
  const { figures } = props;
  return (
    <tr data-testid={props.testId} data-email={props.email} data-total-tokens={figures.totalTokens}>
      <th scope="row" className="max-w-56 truncate px-3 py-2 text-left font-medium" title={props.hint}>
        {props.label}
      </th>
      <td className={CELL} data-testid="answers">
        {formatTokens(locale, figures.answers)}
      </td>
      <td className={CELL}>{formatTokens(locale, figures.promptTokens)}</td>
      <td className={CELL}>{formatTokens(locale, figures.completionTokens)}</td>
      <td className={CELL} data-testid="cache-hit-share">
        {formatShare(figures.cacheHitShare)}
      </td>
      <td className={CELL} data-testid="usd">
        {formatMoney("usd", figures.costUsd)}
      </td>
      <td className={CELL} data-testid="cny">
        {formatMoney("cny", figures.costCny)}
      </td>
    </tr>
  );
}
