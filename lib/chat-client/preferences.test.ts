import { describe, expect, it } from "vitest";
import { loadPreference, savePreference } from "./preferences";

describe("without localStorage (server rendering, node)", () => {
  it("preferences fall back", () => {
    savePreference("thinking", false);
    expect(loadPreference("thinking", true)).toBe(true);
  });
});

describe("preferences", () => {
  it("round-trip through localStorage and ignore values of another type", () => {
    const items = new Map<string, string>();
    const storage = {
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => items.set(k, v),
      removeItem: (k: string) => items.delete(k),
    };
    const g = globalThis as { localStorage?: unknown };
    g.localStorage = storage;
    try {
      savePreference("thinking", false);
      expect(loadPreference("thinking", true)).toBe(false);
      savePreference("model", "deepseek-pro");
      expect(loadPreference<string | undefined>("model", undefined)).toBe("deepseek-pro");
      expect(loadPreference("model", 3)).toBe(3);
      savePreference("model", undefined);
      expect(loadPreference("model", "fallback")).toBe("fallback");
      items.set("deepseek-chat:broken", "{not json");
      expect(loadPreference("broken", 1)).toBe(1);
    } finally {
      delete g.localStorage;
    }
  });
});
