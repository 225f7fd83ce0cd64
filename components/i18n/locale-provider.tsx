"use client";

import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { loadPreference, savePreference } from "@/lib/chat-client/preferences";
import { type Dictionary, dictionaries, LOCALE_PREFERENCE, type Locale, pickLocale } from "./dictionary";

interface LocaleContextValue {
  locale: Locale;
  t: Dictionary;
  setLocale(locale: Locale): void;
}

const LocaleContext = createContext<LocaleContextValue | null>(null);

function storedLocale(): Locale | null {
  const value = loadPreference<string | null>(LOCALE_PREFERENCE, null);
  return value === "zh" || value === "en" ? value : null;
}

/**
 * The server renders with the locale its Accept-Language header suggested; after mount the reader's
 * saved choice, else navigator.languages, decides (they agree unless the reader switched).
 */
export function LocaleProvider({ initialLocale, children }: { initialLocale: Locale; children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);

  useEffect(() => {
    setLocaleState(storedLocale() ?? pickLocale(navigator.languages ?? [navigator.language]));
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale === "zh" ? "zh-CN" : "en";
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    savePreference(LOCALE_PREFERENCE, next);
  }, []);

  const value = useMemo(() => ({ locale, t: dictionaries[locale], setLocale }), [locale, setLocale]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleContextValue {
  const value = useContext(LocaleContext);
  if (!value) throw new Error("useLocale needs a <LocaleProvider> above it");
  return value;
}

/** The dictionary of the current language. */
export function useT(): Dictionary {
  return useLocale().t;
}
