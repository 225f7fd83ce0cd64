"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  type TooltipContentProps,
  type TooltipValueType as ValueType,
  XAxis,
  YAxis,
} from "recharts";
import { useLocale } from "@/components/i18n/locale-provider";
import type { UsageReport } from "@/lib/admin/usage-figures";
import { type ChartMetric, chartData, OTHERS_KEY } from "./chart-series";
import { formatCompact, formatMoney, formatTokens } from "./format-figures";

// The usage chart: a bar per day, stacked by person (chart-series.ts). Recharts draws SVG, so the
// axes and text take the page's colours (currentColor) in light and dark alike.

/** Readable on white and on neutral-950 both; the last, grey, is everyone else. */
const COLOURS = ["#4d6bfe", "#10b981", "#f59e0b", "#e11d48", "#8b5cf6"];
const OTHERS_COLOUR = "#9ca3af";

interface UsageChartProps {
  report: UsageReport;
  metric: ChartMetric;
  label: string;
}

export function UsageChart({ report, metric, label }: UsageChartProps) {
  const { locale, t } = useLocale();
  const { series, rows } = chartData(report, metric, t.chartOthers);
  const format = (value: number) =>
    metric === "tokens" ? formatTokens(locale, value) : formatMoney(metric, value);
  const axis = (value: number) =>
    metric === "tokens" ? formatCompact(locale, value) : formatMoney(metric, value);
  return (
    <figure
      data-testid="usage-chart"
      data-series={series.length}
      aria-label={label}
      className="mt-4 h-72 w-full text-neutral-500 text-xs dark:text-neutral-400"
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid vertical={false} stroke="currentColor" strokeOpacity={0.2} />
          <XAxis
            dataKey="day"
            tickFormatter={(day: string) => day.slice(5)}
            stroke="currentColor"
            tickLine={false}
          />
          <YAxis tickFormatter={axis} stroke="currentColor" tickLine={false} axisLine={false} width={64} />
          <Tooltip
            cursor={{ fill: "currentColor", fillOpacity: 0.08 }}
            content={(props: TooltipContentProps<ValueType, number | string>) => (
              <ChartTooltip {...props} format={format} />
            )}
          />
          {/* Names in the page's text colour: the series' own colours are too light to read as text. */}
          <Legend
            wrapperStyle={{ paddingTop: 8 }}
            formatter={(name: string) => (
              <span className="text-neutral-700 dark:text-neutral-300">{name}</span>
            )}
          />
          {series.map((entry, index) => (
            <Bar
              key={entry.key}
              dataKey={entry.key}
              name={entry.label}
              stackId="people"
              fill={entry.key === OTHERS_KEY ? OTHERS_COLOUR : (COLOURS[index] ?? OTHERS_COLOUR)}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

function ChartTooltip({
  active,
  payload,
  label,
  format,
}: TooltipContentProps<ValueType, number | string> & { format: (value: number) => string }) {
  if (!active || payload.length === 0) return null;
  return (
    <div className="rounded-lg border border-neutral-200 bg-white px-3 py-2 text-neutral-900 text-xs shadow-md dark:border-neutral-700 dark:bg-neutral-900 dark:text-neutral-100">
      <p className="font-medium">{label}</p>
      <ul className="mt-1 space-y-0.5">
        {payload.map((entry) => (
          <li key={String(entry.dataKey)} className="flex items-center gap-2">
            <span aria-hidden="true" className="size-2 rounded-full" style={{ background: entry.color }} />
            <span className="flex-1">{entry.name}</span>
            <span className="tabular-nums">{format(Number(entry.value ?? 0))}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
