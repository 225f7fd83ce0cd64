import { loadPreference, savePreference } from "@/lib/chat-client/preferences";

// Theme choice: "system" follows prefers-color-scheme; the others pin it. A preference (localStorage)
// rather than IndexedDB because the inline script in <head> must read it synchronously before paint.

export const themes = ["system", "light", "dark"] as const;
export type Theme = (typeof themes)[number];

const THEME_PREFERENCE = "theme";

export function readTheme(): Theme {
  const value = loadPreference<string>(THEME_PREFERENCE, "system");
  return value === "light" || value === "dark" ? value : "system";
}

export function applyTheme(theme: Theme): void {
  const dark = theme === "dark" || (theme === "system" && matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.classList.toggle("dark", dark);
}

export function storeTheme(theme: Theme): void {
  savePreference(THEME_PREFERENCE, theme === "system" ? undefined : theme);
  applyTheme(theme);
}
