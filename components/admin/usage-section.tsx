"use client";

import { useEffect, useState } from "react";
import { useT } from "@/components/i18n/locale-provider";
import { REPORT_PERIODS, type UsageReport } from "@/lib/admin/usage-figures";
import { fetchUsageReport } from "@/lib/chat-client/admin-api";
import type { ChartMetric } from "./chart-series";
import { UsageChart } from "./usage-chart";
import { UsageTotals } from "./usage-totals";

/** Usage and cost per person per day over a period the admin picks: a chart and the totals. */
export function UsageSection() {
  const t = useT();
  const [days, setDays] = useState<number>(30);
  const [metric, setMetric] = useState<ChartMetric>("tokens");
  // null while loading, undefined when the server could not answer.
  const [report, setReport] = useState<UsageReport | undefined | null>(null);
  useEffect(() => {
    let current = true;
    setReport(null);
    void fetchUsageReport(days).then((loaded) => {
      if (current) setReport(loaded);
    });
    return () => {
      current = false;
    };
  }, [days]);
  const metricLabel = { tokens: t.metricTokens, usd: "USD", cny: "CNY" }[metric];
  return (
    <section aria-labelledby="usage-title" data-testid="usage" data-state={stateOf(report)}>
      <div className="mt-8 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="usage-title" className="font-semibold text-lg">
            {t.usageTitle}
          </h2>
          {report && (
            <p className="mt-1 text-neutral-600 text-sm dark:text-neutral-400" data-testid="usage-period">
              {t.usageDays(report.from, report.to, report.timeZone)}
            </p>
          )}
        </div>
        <div className="flex flex-wrap gap-2">
          <Choice
            legend={t.usagePeriod}
            name="period"
            options={REPORT_PERIODS.map((n) => [String(n), t.lastDays(n)])}
            value={String(days)}
            onChange={(value) => setDays(Number(value))}
          />
          <Choice
            legend={t.chartMetric}
            name="metric"
            options={[
              ["tokens", t.metricTokens],
              ["usd", "USD"],
              ["cny", "CNY"],
            ]}
            value={metric}
            onChange={(value) => setMetric(value === "usd" || value === "cny" ? value : "tokens")}
          />
        </div>
      </div>
      {report === undefined && <p className="mt-6 text-red-700 text-sm dark:text-red-300">{t.usageFailed}</p>}
      {report && report.people.length === 0 && (
        <p className="mt-6 text-neutral-600 text-sm dark:text-neutral-400">{t.usageNone}</p>
      )}
      {report && report.people.length > 0 && (
        <>
          <UsageChart report={report} metric={metric} label={t.chartLabel(metricLabel)} />
          <UsageTotals report={report} />
        </>
      )}
    </section>
  );
}

function stateOf(report: UsageReport | undefined | null): string {
  if (report === null) return "loading";
  return report ? "loaded" : "failed";
}

interface ChoiceProps {
  legend: string;
  name: string;
  options: ReadonlyArray<readonly [string, string]>;
  value: string;
  onChange: (value: string) => void;
}

/** A row of toggle buttons, one pressed: the language switcher's look. */
function Choice({ legend, name, options, value, onChange }: ChoiceProps) {
  return (
    <fieldset className="flex items-center gap-0.5 rounded-lg bg-neutral-100 p-0.5 text-xs dark:bg-neutral-800">
      <legend className="sr-only">{legend}</legend>
      {options.map(([option, label]) => (
        <button
          key={option}
          type="button"
          aria-pressed={value === option}
          data-testid={`${name}-${option}`}
          onClick={() => onChange(option)}
          className="h-7 rounded-md px-2.5 text-neutral-600 transition-colors hover:text-neutral-900 focus-visible:outline-2 focus-visible:outline-brand-500 aria-pressed:bg-white aria-pressed:text-neutral-900 aria-pressed:shadow-sm dark:text-neutral-400 dark:aria-pressed:bg-neutral-700 dark:aria-pressed:text-neutral-100 dark:hover:text-neutral-100"
        >
          {label}
        </button>
      ))}
    </fieldset>
  );
}
