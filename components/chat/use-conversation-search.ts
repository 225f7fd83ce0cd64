"use client";

import { useCallback, useEffect, useState } from "react";
import { type SearchHit, searchConversations } from "@/lib/chat-client/search-api";

// The sidebar's search as state: what was typed, the results of the latest query once the typing
// pauses (the previous ones stay while it loads), and which result the arrow keys are on. An
// answer to an older query is dropped.

const DEBOUNCE_MS = 250;

export interface SearchState {
  status: "idle" | "loading" | "done" | "failed";
  /** The query the hits (or the failure) are for. */
  query: string;
  hits: SearchHit[];
  /** When it failed: the server's sentence. */
  message?: string;
}

const IDLE: SearchState = { status: "idle", query: "", hits: [] };

export function useConversationSearch(unreachable: string) {
  const [query, setQuery] = useState("");
  const [state, setState] = useState<SearchState>(IDLE);
  const [active, setActive] = useState(0);

  useEffect(() => {
    const q = query.trim();
    if (q === "") {
      setState(IDLE);
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ status: "loading", query: s.query, hits: s.hits }));
    const timer = setTimeout(async () => {
      const outcome = await searchConversations(q, { signal: controller.signal });
      if (controller.signal.aborted) return;
      setActive(0);
      if (outcome.kind === "ok") setState({ status: "done", query: q, hits: outcome.value });
      else {
        const message = outcome.kind === "failed" ? outcome.message : unreachable;
        setState({ status: "failed", query: q, hits: [], message });
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, unreachable]);

  const count = state.hits.length;
  const move = useCallback(
    (step: 1 | -1) => setActive((i) => (count === 0 ? 0 : (i + step + count) % count)),
    [count],
  );
  const clear = useCallback(() => setQuery(""), []);
  return { query, setQuery, state, active: Math.min(active, Math.max(0, count - 1)), setActive, move, clear };
}
