import type { Dictionary } from "@/components/i18n/dictionary";
import { Icon } from "@/components/ui/icons";

/** Shown instead of the chat when the server has no API key: what to set, where, and then restart. */
export function SetupNotice({ t }: { t: Dictionary }) {
  return (
    <section
      data-testid="status-not-configured"
      aria-labelledby="setup-title"
      className="mx-auto mt-[10vh] max-w-xl rounded-2xl border border-amber-300 bg-amber-50 p-6 text-neutral-800 dark:border-amber-700/60 dark:bg-amber-950/40 dark:text-neutral-200"
    >
      <div className="flex items-center gap-2">
        <Icon name="key" className="size-5 text-amber-700 dark:text-amber-400" />
        <h2 id="setup-title" className="font-semibold text-lg">
          {t.setupTitle}
        </h2>
      </div>
      <p className="mt-2 text-sm">{t.setupIntro}</p>
      <ol className="mt-4 list-decimal space-y-3 pl-5 text-sm">
        <li>{t.setupStep1}</li>
        <li>
          {t.setupStep2}
          <pre className="mt-2 overflow-x-auto rounded-lg bg-white p-3 font-mono text-xs dark:bg-neutral-900">
            DEEPSEEK_API_KEY=sk-…
          </pre>
        </li>
        <li>{t.setupStep3}</li>
      </ol>
    </section>
  );
}
