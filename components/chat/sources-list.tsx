"use client";

import { useT } from "@/components/i18n/locale-provider";
import { domainOf, type WebSource } from "@/lib/chat-client/answer-sources";
import { useDisclosure } from "./use-disclosure";

/** How many sources show before "Show all": a search brings ten or more, an answer cites a few. */
const FOLD_AT = 6;

/**
 * The numbered sources under an answer (PROTOCOL.md section 22): the number its citations use, the
 * title, and the site, each opening the page beside the chat. No favicons: they would be requests
 * to the sites themselves, which the page's Content-Security-Policy refuses (and which would tell
 * every site who is reading about it).
 */
export function SourcesList({ sources }: { sources: readonly WebSource[] }) {
  const t = useT();
  const { open, regionId, toggle } = useDisclosure(false);
  const folds = sources.length > FOLD_AT;
  const shown = folds && !open ? sources.slice(0, FOLD_AT) : sources;
  return (
    <section data-testid="sources" aria-label={t.sources} className="space-y-1.5">
      <h3 className="font-medium text-neutral-500 text-xs dark:text-neutral-400">{t.sources}</h3>
      <ol id={regionId} className="grid gap-1.5 sm:grid-cols-2">
        {shown.map((source) => (
          <li key={source.index} className="min-w-0">
            <SourceLink source={source} />
          </li>
        ))}
      </ol>
      {folds && (
        <button
          type="button"
          {...toggle}
          data-testid="sources-toggle"
          className="rounded text-brand-600 text-xs hover:underline focus-visible:outline-2 focus-visible:outline-brand-500 dark:text-brand-300"
        >
          {open ? t.showFewerSources : t.showAllSources(sources.length)}
        </button>
      )}
    </section>
  );
}

function SourceLink({ source }: { source: WebSource }) {
  const domain = domainOf(source.url);
  return (
    <a
      href={source.url}
      target="_blank"
      rel="noopener noreferrer"
      title={source.url}
      data-testid="source"
      data-index={source.index}
      className="flex min-w-0 items-start gap-2 rounded-lg border border-neutral-200 px-2.5 py-1.5 text-xs transition-colors hover:bg-neutral-50 focus-visible:outline-2 focus-visible:outline-brand-500 dark:border-neutral-800 dark:hover:bg-neutral-900"
    >
      <span className="mt-px inline-flex h-4 min-w-4 shrink-0 items-center justify-center rounded bg-brand-50 px-1 font-medium text-[0.625rem] text-brand-700 tabular-nums dark:bg-brand-900/60 dark:text-brand-100">
        {source.index}
      </span>
      <span className="min-w-0">
        <span className="block truncate text-neutral-800 dark:text-neutral-200">{source.title}</span>
        <span className="block truncate text-neutral-500 dark:text-neutral-400">{domain}</span>
      </span>
    </a>
  );
}
