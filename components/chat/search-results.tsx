"use client";

import { useEffect, useRef } from "react";
import { useLocale } from "@/components/i18n/locale-provider";
import type { SearchHit } from "@/lib/chat-client/search-api";
import { formatDay } from "./format";
import { SEARCH_RESULTS_ID, searchHitId } from "./search-box";
import type { SearchState } from "./use-conversation-search";

interface SearchResultsProps {
  state: SearchState;
  active: number;
  onActive: (index: number) => void;
  onOpen: (hit: SearchHit) => void;
}

/** The hits in place of the conversation list: title, the matching line marked, and the date. */
export function SearchResults({ state, active, onActive, onOpen }: SearchResultsProps) {
  const { t, locale } = useLocale();
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    list.current?.querySelector(`#${searchHitId(active)}`)?.scrollIntoView({ block: "nearest" });
  }, [active]);
  const note = (text: string, testId: string) => (
    <p
      data-testid={testId}
      role="status"
      className="px-4 py-2 text-neutral-500 text-sm dark:text-neutral-400"
    >
      {text}
    </p>
  );
  if (state.status === "failed") return note(state.message ?? t.searchUnreachable, "search-error");
  if (state.status === "loading" && state.hits.length === 0) return note(t.searching, "search-loading");
  if (state.status === "done" && state.hits.length === 0)
    return note(t.searchEmpty(state.query), "search-empty");
  const now = Date.now();
  return (
    <>
      <p className="sr-only" role="status">
        {t.searchCount(state.hits.length)}
      </p>
      <div
        ref={list}
        id={SEARCH_RESULTS_ID}
        role="listbox"
        aria-label={t.searchLabel}
        data-testid="search-results"
        aria-busy={state.status === "loading" || undefined}
        className="min-h-0 flex-1 space-y-0.5 overflow-y-auto px-2 pb-2"
      >
        {state.hits.map((hit, index) => (
          // The input keeps focus (aria-activedescendant) and handles the keys; a click opens the hit.
          // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox's input handles the keys
          <div
            key={`${hit.conversationId}/${hit.messageId ?? ""}`}
            id={searchHitId(index)}
            role="option"
            aria-selected={index === active}
            tabIndex={-1}
            data-testid="search-hit"
            data-message-id={hit.messageId}
            onMouseEnter={() => onActive(index)}
            onClick={() => onOpen(hit)}
            className={`cursor-pointer rounded-lg px-3 py-2 ${index === active ? "bg-neutral-200/70 dark:bg-neutral-800" : "hover:bg-neutral-100 dark:hover:bg-neutral-800/60"}`}
          >
            <div className="flex items-baseline gap-2">
              <span className="min-w-0 flex-1 truncate font-medium text-neutral-800 text-sm dark:text-neutral-200">
                {hit.messageId === undefined ? <Marked hit={hit} /> : hit.title || t.newChat}
              </span>
              <time
                dateTime={new Date(hit.at).toISOString()}
                className="shrink-0 text-neutral-500 text-xs dark:text-neutral-400"
              >
                {formatDay(hit.at, locale, now)}
              </time>
            </div>
            {hit.messageId !== undefined && (
              <p className="mt-0.5 line-clamp-2 break-words text-neutral-600 text-xs leading-relaxed dark:text-neutral-400">
                <span className="text-neutral-500 dark:text-neutral-500">
                  {hit.role === "user" ? t.you : t.assistant}:{" "}
                </span>
                <Marked hit={hit} />
              </p>
            )}
          </div>
        ))}
      </div>
    </>
  );
}

/** The snippet with its matches in <mark>. */
function Marked({ hit }: { hit: SearchHit }) {
  const pieces: { text: string; match: boolean }[] = [];
  let at = 0;
  for (const [start, end] of hit.highlights) {
    if (start < at || end > hit.snippet.length) continue;
    if (start > at) pieces.push({ text: hit.snippet.slice(at, start), match: false });
    pieces.push({ text: hit.snippet.slice(start, end), match: true });
    at = end;
  }
  if (at < hit.snippet.length) pieces.push({ text: hit.snippet.slice(at), match: false });
  return pieces.map((piece, i) =>
    piece.match ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one fixed string
      <mark key={i} className="rounded-sm bg-amber-200/80 px-0.5 text-inherit dark:bg-amber-500/40">
        {piece.text}
      </mark>
    ) : (
      piece.text
    ),
  );
}
