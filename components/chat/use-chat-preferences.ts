"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { SendOptions } from "@/lib/chat-client/chat-controller";
import { loadPreference, savePreference } from "@/lib/chat-client/preferences";
import type { UIMessage } from "@/lib/chat-client/types";
import { type Effort, isEffort } from "@/lib/protocol/effort";
import type { ChatPersistence } from "./chat-persistence";

/** DeepSeek's own default (docs/PROVIDER.md section 1). */
const DEFAULT_EFFORT: Effort = "high";

// The composer's settings, remembered across visits: reasoning on or off, its effort, and the model
// when the server offers a choice. Stored values are read after mount (the server renders the
// defaults). The effort is also remembered per conversation: opening one takes the effort its last
// answer was asked with (adoptEffort); a new chat takes the last one chosen. Web search, like
// DeepSeek's own 联网搜索, is one setting across conversations: whoever turns it on wants current
// answers until they turn it off, whichever chat they are in.

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
  /** The server can search the web (PROTOCOL.md section 21): else the switch is hidden. */
  searchAvailable: boolean;
  search: boolean;
  setSearch(search: boolean): void;
  /** What a request says about them. */
  requestOptions(): SendOptions;
}

/**
 * `offer`: what the server offers (its models, and web search when it has a search service);
 * `open`: the open conversation, whose last answer's effort is taken on opening it.
 */
export function useChatPreferences(
  offer: { models: string[]; defaultModel: string; searchAvailable?: boolean | undefined },
  open: Pick<ChatPersistence, "chat" | "currentId">,
): ChatPreferences {
  const { models, defaultModel, searchAvailable = false } = offer;
  const [thinking, setThinkingState] = useState(true);
  const [model, setModelState] = useState(defaultModel);
  const [effort, setEffortState] = useState<Effort>(DEFAULT_EFFORT);
  const [search, setSearchState] = useState(false);

  useEffect(() => {
    setThinkingState(loadPreference("thinking", true));
    setSearchState(loadPreference("search", false));
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
  const setSearch = useCallback((value: boolean) => {
    setSearchState(value);
    savePreference("search", value);
  }, []);
  const setModel = useCallback((value: string) => {
    setModelState(value);
    savePreference("model", value);
  }, []);

  useConversationEffort(adoptEffort, open.currentId, open.chat.messages);

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
      searchAvailable,
      search,
      setSearch,
      requestOptions: () => requestOptionsOf({ thinking, effort, models, model, searchAvailable, search }),
    }),
    [
      thinking,
      setThinking,
      effort,
      setEffort,
      adoptEffort,
      models,
      model,
      setModel,
      searchAvailable,
      search,
      setSearch,
    ],
  );
}

/** What a request says about the composer's settings. */
export function requestOptionsOf(settings: {
  thinking: boolean;
  effort: Effort;
  models: readonly string[];
  model: string;
  searchAvailable: boolean;
  search: boolean;
}): SendOptions {
  const { thinking, effort, models, model, searchAvailable, search } = settings;
  return {
    thinking,
    ...(thinking ? { effort } : {}),
    // The model only when there is a choice: otherwise the server's default stands.
    ...(models.length > 1 ? { model } : {}),
    // A remembered "on" from a server that could search is not sent to one that cannot.
    ...(searchAvailable && search ? { search: true } : {}),
  };
}

/**
 * The effort a conversation was last asked with, taken once per opened conversation as soon as its
 * messages are there; a new chat takes the reader's last choice. Keyed on the conversation and its
 * first message: while one conversation replaces another, the old messages may still show a render
 * or two under the new id.
 */
function useConversationEffort(
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
