"use client";

import { useLocale } from "./locale-provider";

/** 中文 / EN: each option is written in its own language, so anyone can find theirs. */
export function LanguageSwitcher() {
  const { locale, setLocale, t } = useLocale();
  return (
    <fieldset className="flex items-center gap-0.5 rounded-lg bg-neutral-100 p-0.5 text-xs dark:bg-neutral-800">
      <legend className="sr-only">{t.language}</legend>
      {(
        [
          ["zh", "中文", "zh-CN"],
          ["en", "EN", "en"],
        ] as const
      ).map(([value, label, lang]) => (
        <button
          key={value}
          type="button"
          lang={lang}
          aria-pressed={locale === value}
          data-testid={`locale-${value}`}
          onClick={() => setLocale(value)}
          className="h-7 rounded-md px-2 text-neutral-600 transition-colors hover:text-neutral-900 focus-visible:outline-2 focus-visible:outline-brand-500 aria-pressed:bg-white aria-pressed:text-neutral-900 aria-pressed:shadow-sm dark:text-neutral-400 dark:aria-pressed:bg-neutral-700 dark:aria-pressed:text-neutral-100 dark:hover:text-neutral-100"
        >
          {label}
        </button>
      ))}
    </fieldset>
  );
}
