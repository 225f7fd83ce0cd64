"use client";

import type { KeyboardEvent } from "react";
import { useT } from "@/components/i18n/locale-provider";
import { Icon } from "@/components/ui/icons";

export const SEARCH_RESULTS_ID = "search-results";
export const searchHitId = (index: number) => `search-hit-${index}`;

interface SearchBoxProps {
  query: string;
  onQuery: (query: string) => void;
  /** Results are showing: the arrows move through them and Enter opens one. */
  expanded: boolean;
  active: number;
  onMove: (step: 1 | -1) => void;
  onOpenActive: () => void;
  onClear: () => void;
}

/**
 * The sidebar's search field, a combobox: focus stays here while ↑ and ↓ move through the results
 * below it, Enter opens one, and Escape clears the search (and only then closes the drawer).
 */
export function SearchBox({
  query,
  onQuery,
  expanded,
  active,
  onMove,
  onOpenActive,
  onClear,
}: SearchBoxProps) {
  const t = useT();
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === "Escape" && query !== "") {
      event.preventDefault();
      event.stopPropagation();
      onClear();
    } else if (expanded && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      event.preventDefault();
      onMove(event.key === "ArrowDown" ? 1 : -1);
    } else if (expanded && event.key === "Enter") {
      event.preventDefault();
      onOpenActive();
    }
  };
  return (
    <div className="relative px-3 pb-2">
      <Icon
        name="search"
        className="pointer-events-none absolute top-2.5 left-5.5 size-4 text-neutral-400 dark:text-neutral-500"
      />
      <input
        type="search"
        role="combobox"
        data-testid="search-input"
        aria-label={t.searchLabel}
        aria-expanded={expanded}
        aria-controls={SEARCH_RESULTS_ID}
        aria-autocomplete="list"
        aria-activedescendant={expanded ? searchHitId(active) : undefined}
        placeholder={t.searchPlaceholder}
        value={query}
        onChange={(event) => onQuery(event.target.value)}
        onKeyDown={onKeyDown}
        enterKeyHint="search"
        className="h-9 w-full rounded-lg border border-neutral-200 bg-white pr-8 pl-8 text-neutral-900 text-sm placeholder:text-neutral-400 focus-visible:outline-2 focus-visible:outline-brand-500 dark:border-neutral-700 dark:bg-neutral-800 dark:text-neutral-100 dark:placeholder:text-neutral-500 [&::-webkit-search-cancel-button]:hidden"
      />
      {query !== "" && (
        <button
          type="button"
          data-testid="search-clear"
          aria-label={t.searchClear}
          onClick={onClear}
          className="absolute top-1.5 right-4 flex size-6 items-center justify-center rounded-md text-neutral-400 hover:bg-neutral-100 hover:text-neutral-700 dark:hover:bg-neutral-700 dark:hover:text-neutral-200"
        >
          <Icon name="close" className="size-3.5" />
        </button>
      )}
    </div>
  );
}
