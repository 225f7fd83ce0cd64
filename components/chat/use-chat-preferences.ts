"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { SendOptions } from "@/lib/chat-client/chat-controller";
import { loadPreference, savePreference } from "@/lib/chat-client/preferences";
import type { UIMessage } from "@/lib/chat-client/types";
import { type Effort, isEffort } from "@/lib/protocol/effort";

/** DeepSeek's own default (docs/PROVIDER.md section 1). */
const DEFAULT_EFFORT: Effort = "high";

// The composer's settings, remembered across visits: reasoning on or off, its effort, and the model
// when the server offers a choice. Stored values are read after mount (the server renders the
// defaults). The effort is also remembered per conversation: opening one takes the effort its last
// answer was asked with (adoptEffort); a new chat takes the last one chosen.

export interface ChatPreferences {
  thinking: boolean;
  setThinking(thinking: boolean): void;
  effort: Effort;
  /** The reader's choice: for this conversation, and for new ones. */
  setEffort(effort: Effort): void;
  /** A conversation's own effort, on opening it: not the default for new chats. */
  adoptEffort(effort: Effort | undefined): void;
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
  const [effort, setEffortState] = useState<Effort>(DEFAULT_EFFORT);

  useEffect(() => {
    setThinkingState(loadPreference("thinking", true));
    const storedEffort = loadPreference<unknown>("effort", DEFAULT_EFFORT);
    setEffortState(isEffort(storedEffort) ? storedEffort : DEFAULT_EFFORT);
    const stored = loadPreference("model", defaultModel);
    setModelState(models.includes(stored) ? stored : defaultModel);
  }, [models, defaultModel]);

  const setThinking = useCallback((value: boolean) => {
    setThinkingState(value);
    savePreference("thinking", value);
  }, []);
  const setEffort = useCallback((value: Effort) => {
    setEffortState(value);
    savePreference("effort", value);
  }, []);
  const adoptEffort = useCallback((value: Effort | undefined) => {
    const fallback = loadPreference<unknown>("effort", DEFAULT_EFFORT);
    setEffortState(value ?? (isEffort(fallback) ? fallback : DEFAULT_EFFORT));
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
      effort,
      setEffort,
      adoptEffort,
      models,
      model,
      setModel,
      // The request's model only when there is a choice: otherwise the server's default stands.
      requestOptions: () => ({
        thinking,
        ...(thinking ? { effort } : {}),
        ...(models.length > 1 ? { model } : {}),
      }),
    }),
    [thinking, setThinking, effort, setEffort, adoptEffort, models, model, setModel],
  );
}

/**
 * The effort a conversation was last asked with, taken once per opened conversation as soon as its
 * messages are there; a new chat takes the reader's last choice. Keyed on the conversation and its
 * first message: while one conversation replaces another, the old messages may still show a render
 * or two under the new id.
 */
export function useConversationEffort(
  adopt: (effort: Effort | undefined) => void,
  currentId: string | null,
  messages: readonly UIMessage[],
): void {
  const adoptedFor = useRef<string | undefined>(undefined);
  const loading = currentId !== null && messages.length === 0;
  const key = `${currentId}\n${messages[0]?.id ?? ""}`;
  const last = messages.findLast((message) => message.role === "assistant" && message.effort)?.effort;
  useEffect(() => {
    if (loading || adoptedFor.current === key) return;
    adoptedFor.current = key;
    adopt(last);
  }, [adopt, key, loading, last]);
}
