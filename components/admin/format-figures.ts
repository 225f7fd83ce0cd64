import type { Locale } from "@/components/i18n/dictionary";

// How the admin page writes its figures: tokens in full with the locale's grouping (compact on a
// chart's axis), money to the cent or, below a cent, to two significant digits, shares in percent.

const tag = (locale: Locale) => (locale === "zh" ? "zh-CN" : "en-US");

export function formatTokens(locale: Locale, value: number): string {
  return new Intl.NumberFormat(tag(locale)).format(value);
}

export function formatCompact(locale: Locale, value: number): string {
  return new Intl.NumberFormat(tag(locale), { notation: "compact", maximumFractionDigits: 1 }).format(value);
}

export type Currency = "USD" | "CNY";

/** "—" for null: no answer in the set had a known price. */
export function formatMoney(locale: Locale, currency: Currency, value: number | null): string {
  if (value === null) return "—";
  const small = value !== 0 && Math.abs(value) < 0.01;
  return new Intl.NumberFormat(tag(locale), {
    style: "currency",
    currency,
    ...(small ? { maximumSignificantDigits: 2 } : { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  }).format(value);
}

/** "—" for null: no answer in the set reported its cache. */
export function formatShare(locale: Locale, value: number | null): string {
  if (value === null) return "—";
  return new Intl.NumberFormat(tag(locale), { style: "percent", maximumFractionDigits: 1 }).format(value);
}
