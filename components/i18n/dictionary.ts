import { type Dictionary, en } from "./en";
import { zh } from "./zh";

// The interface text in both languages (en.ts is the reference shape, zh.ts matches it), and how a
// browser's languages choose one.

export type { Dictionary };

const locales = ["zh", "en"] as const;
export type Locale = (typeof locales)[number];

export const dictionaries: Record<Locale, Dictionary> = { en, zh };

/** The first supported language in a browser's preference list (navigator.languages / Accept-Language). */
export function pickLocale(languages: readonly string[]): Locale {
  for (const language of languages) {
    const base = language.trim().toLowerCase().split(/[-_;]/)[0];
    if (base === "zh" || base === "en") return base;
  }
  return "en";
}

/** Accept-Language: "zh-CN,zh;q=0.9,en;q=0.8" → ["zh-CN", "zh", "en"], in the order sent. */
export function parseAcceptLanguage(header: string | null): string[] {
  if (!header) return [];
  return header.split(",").map((item) => item.split(";")[0]?.trim() ?? "");
}

export const LOCALE_PREFERENCE = "locale";
