// Small settings the reader chose (theme, language, reasoning, model, the open conversation), in
// localStorage: synchronous, so the inline script in <head> can apply theme and language before
// paint (theme-script.tsx reads the same keys). Absent during server rendering and refused by some
// private modes: then reads fall back and writes last for the page only.

// Stored under this prefix since the first release: changing it would lose every reader's settings.
const PREFERENCE_PREFIX = "deepseek-chat:";

/** A stored preference, or `fallback` when there is none, storage is unavailable, or it has another type. */
export function loadPreference<T>(key: string, fallback: T): T {
  try {
    const raw = globalThis.localStorage?.getItem(PREFERENCE_PREFIX + key);
    if (raw === null || raw === undefined) return fallback;
    const value: unknown = JSON.parse(raw);
    if (fallback !== undefined && fallback !== null && typeof value !== typeof fallback) return fallback;
    return value as T;
  } catch {
    return fallback;
  }
}

export function savePreference(key: string, value: unknown): void {
  try {
    const storage = globalThis.localStorage;
    if (!storage) return;
    if (value === undefined) storage.removeItem(PREFERENCE_PREFIX + key);
    else storage.setItem(PREFERENCE_PREFIX + key, JSON.stringify(value));
  } catch {
    // quota exceeded or storage disabled: the preference lasts for this page only
  }
}
