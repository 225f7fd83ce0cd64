import type { ReactNode } from "react";
import { useT } from "@/components/i18n/locale-provider";
import { Icon } from "@/components/ui/icons";

interface ChatDockProps {
  /** The conversation is scrolled away from its end: offer a way back. */
  showJump: boolean;
  onJump: () => void;
  /** A conversation is open on a server without its API key: say why there is no composer. */
  showSetupHint: boolean;
  /** The composer, when there is one. */
  children: ReactNode;
}

/** What stays below the conversation: the composer, a jump back to the latest, the disclaimer. */
export function ChatDock({ showJump, onJump, showSetupHint, children }: ChatDockProps) {
  const t = useT();
  return (
    <div className="relative mx-auto w-full max-w-3xl shrink-0 px-3 pb-2 sm:px-4">
      {showJump && (
        <button
          type="button"
          onClick={onJump}
          data-testid="jump-to-latest"
          className="-top-12 -translate-x-1/2 absolute left-1/2 inline-flex h-9 items-center gap-1.5 rounded-full border border-neutral-200 bg-white px-3 text-neutral-700 text-xs shadow-md hover:bg-neutral-50 focus-visible:outline-2 focus-visible:outline-brand-500 dark:border-neutral-700 dark:bg-neutral-900 dark:text-neutral-200 dark:hover:bg-neutral-800"
        >
          <Icon name="arrow-down" className="size-3.5" />
          {t.jumpToLatest}
        </button>
      )}
      {showSetupHint && (
        <p
          data-testid="setup-short"
          className="rounded-2xl border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700/60 dark:bg-amber-950/40"
        >
          {t.setupShort}
        </p>
      )}
      {children}
      <p className="mt-1.5 text-center text-[0.6875rem] text-neutral-500 dark:text-neutral-400">
        {t.disclaimer}
      </p>
    </div>
  );
}
