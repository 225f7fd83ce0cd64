import type { Dictionary } from "@/components/i18n/dictionary";
import { Icon } from "@/components/ui/icons";

/** A new chat: a greeting and a few prompts to start from (one shows off a tool call). */
export function EmptyState({ t, onPick }: { t: Dictionary; onPick: (prompt: string) => void }) {
  return (
    <div data-testid="empty-state" className="flex flex-col items-center px-2 pt-[12vh] pb-8 text-center">
      <Icon name="logo" className="size-12 text-brand-600 dark:text-brand-300" />
      <h2 className="mt-4 font-semibold text-2xl text-neutral-900 dark:text-neutral-100">{t.emptyTitle}</h2>
      <ul className="mt-8 grid w-full max-w-xl gap-2 sm:grid-cols-2">
        {t.suggestions.map((prompt) => (
          <li key={prompt}>
            <button
              type="button"
              onClick={() => onPick(prompt)}
              data-testid="suggestion"
              className="h-full w-full rounded-xl border border-neutral-200 px-4 py-3 text-left text-neutral-700 text-sm transition-colors hover:bg-neutral-50 focus-visible:outline-2 focus-visible:outline-brand-500 dark:border-neutral-800 dark:text-neutral-300 dark:hover:bg-neutral-900"
            >
              {prompt}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
