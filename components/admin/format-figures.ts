import { formatMoney as writeMoney, formatShare as writeShare } from "@/components/chat/format";
import type { Locale } from "@/components/i18n/dictionary";

// How the admin page writes its figures: tokens in full with the locale's grouping (compact on a
// chart's axis); money and shares as under each answer (components/chat/format.ts), with "—" where
// no answer of the set gave one.

const tag = (locale: Locale) => (locale === "zh" ? "zh-CN" : "en-US");

export function formatTokens(locale: Locale, value: number): string {
  return new Intl.NumberFormat(tag(locale)).format(value);
}

export function formatCompact(locale: Locale, value: number): string {
  return new Intl.NumberFormat(tag(locale), { notation: "compact", maximumFractionDigits: 1 }).format(value);
}

export type Currency = "usd" | "cny";

/** "—" for null: no answer in the set had a known price. */
export function formatMoney(currency: Currency, value: number | null): string {
  return value === null ? "—" : writeMoney(value, currency);
}

/** "—" for null: no answer in the set reported its cache. */
export function formatShare(value: number | null): string {
  return value === null ? "—" : writeShare(value);
}
