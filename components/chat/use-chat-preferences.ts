"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import type { SendOptions } from "@/lib/chat-client/chat-controller";
import { loadPreference, savePreference } from "@/lib/chat-client/preferences";

// The composer's settings, remembered across visits: reasoning on or off, and the model when the
// server offers a choice. Stored values are read after mount (the server renders the defaults).

export interface ChatPreferences {
  thinking: boolean;
  setThinking(thinking: boolean): void;
  /** What the server offers; a picker shows only when there is more than one. */
  models: readonly string[];
  model: string;
  setModel(model: string): void;
  /** What a request says about them. */
  requestOptions(): SendOptions;
}

export function useChatPreferences(models: string[], defaultModel: string): ChatPreferences {
  const [thinking, setThinkingState] = useState(true);
  const [model, setModelState] = useState(defaultModel);

  useEffect(() => {
    setThinkingState(loadPreference("thinking", true));
    const stored = loadPreference("model", defaultModel);
    setModelState(models.includes(stored) ? stored : defaultModel);
  }, [models, defaultModel]);

  const setThinking = useCallback((value: boolean) => {
    setThinkingState(value);
    savePreference("thinking", value);
  }, []);
  const setModel = useCallback((value: string) => {
    setModelState(value);
    savePreference("model", value);
  }, []);

  // Memoised: the composer is, and skips the per-frame renders of a streaming answer.
  return useMemo(
    () => ({
      thinking,
      setThinking,
      models,
      model,
      setModel,
      // The request's model only when there is a choice: otherwise the server's default stands.
      requestOptions: () => ({ thinking, ...(models.length > 1 ? { model } : {}) }),
    }),
    [thinking, setThinking, models, model, setModel],
  );
}
