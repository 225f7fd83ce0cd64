"use client";

import { useEffect, useState } from "react";
import { useT } from "@/components/i18n/locale-provider";
import { Icon } from "@/components/ui/icons";
import { applyTheme, readTheme, storeTheme, type Theme } from "./theme";

const icons = { system: "monitor", light: "sun", dark: "moon" } as const;

/** System / light / dark, as three pressed-or-not buttons; "system" keeps following the OS live. */
export function ThemeSwitcher() {
  const t = useT();
  const [theme, setTheme] = useState<Theme>("system");

  useEffect(() => setTheme(readTheme()), []);

  useEffect(() => {
    if (theme !== "system") return;
    const query = matchMedia("(prefers-color-scheme: dark)");
    const follow = () => applyTheme("system");
    query.addEventListener("change", follow);
    return () => query.removeEventListener("change", follow);
  }, [theme]);

  const labels: Record<Theme, string> = { system: t.themeSystem, light: t.themeLight, dark: t.themeDark };
  return (
    <fieldset className="flex items-center gap-0.5 rounded-lg bg-neutral-100 p-0.5 dark:bg-neutral-800">
      <legend className="sr-only">{t.theme}</legend>
      {(["system", "light", "dark"] as const).map((value) => {
        return (
          <button
            key={value}
            type="button"
            aria-pressed={theme === value}
            aria-label={`${t.theme}: ${labels[value]}`}
            title={labels[value]}
            data-testid={`theme-${value}`}
            onClick={() => {
              setTheme(value);
              storeTheme(value);
            }}
            className="inline-flex size-7 items-center justify-center rounded-md text-neutral-600 transition-colors hover:text-neutral-900 focus-visible:outline-2 focus-visible:outline-brand-500 aria-pressed:bg-white aria-pressed:text-neutral-900 aria-pressed:shadow-sm dark:text-neutral-400 dark:aria-pressed:bg-neutral-700 dark:aria-pressed:text-neutral-100 dark:hover:text-neutral-100"
          >
            <Icon name={icons[value]} className="size-3.5" />
          </button>
        );
      })}
    </fieldset>
  );
}
