import { BudgetLeft } from "@/components/account/budget-left";
import type { Dictionary } from "@/components/i18n/dictionary";
import { Icon } from "@/components/ui/icons";

interface ErrorNoticeProps {
  message: string;
  code?: string | undefined;
  t: Dictionary;
  title?: string;
  /** Only the conversation's last answer can be retried (Retry regenerates it). */
  onRetry?: (() => void) | undefined;
}

/** Sign in and Retry: outlined in the notice's red. */
const ACTION =
  "inline-flex h-8 shrink-0 items-center self-start rounded-lg border border-red-300 bg-white px-3 font-medium text-red-700 text-xs hover:bg-red-100 focus-visible:outline-2 focus-visible:outline-red-500 dark:border-red-800 dark:bg-red-950 dark:text-red-200 dark:hover:bg-red-900";

/** Why an answer stopped and what to do about it, with a Retry when retrying makes sense. */
export function ErrorNotice({ message, code, t, title = t.errorTitle, onRetry }: ErrorNoticeProps) {
  const text = (code && (budgetText(code, t) ?? t.errorCodes[code])) || message;
  return (
    <div
      role="alert"
      data-testid="error-notice"
      data-code={code}
      className="flex gap-3 rounded-xl border border-red-200 bg-red-50 p-3 text-sm dark:border-red-900/60 dark:bg-red-950/40"
    >
      <Icon name="alert" className="mt-0.5 size-4 shrink-0 text-red-600 dark:text-red-400" />
      <div className="min-w-0 flex-1 space-y-1">
        <p className="font-medium text-red-800 dark:text-red-200">{title}</p>
        <p
          className="break-words text-red-700 dark:text-red-300"
          title={text === message ? undefined : message}
        >
          {text}
        </p>
        {code && budgetText(code, t) && <BudgetLeft className="text-red-700 dark:text-red-300" />}
        {code && <p className="font-mono text-red-600/80 text-xs dark:text-red-400/80">{code}</p>}
      </div>
      {code === "unauthorized" && (
        // The access code is missing or changed: sign in, then come back to this conversation.
        <a href="/login?next=/" data-testid="sign-in" className={ACTION}>
          {t.signIn}
        </a>
      )}
      {onRetry && (
        <button type="button" onClick={onRetry} data-testid="retry" className={`${ACTION} gap-1.5`}>
          <Icon name="refresh" className="size-3.5" />
          {t.retry}
        </button>
      )}
    </div>
  );
}

/** A budget's refusals (PROTOCOL.md section 17) in the reader's language; the figures follow. */
function budgetText(code: string, t: Dictionary): string | undefined {
  if (code === "quota_exceeded") return t.budgetQuotaExceeded;
  if (code === "too_many_answers") return t.budgetTooManyAnswers;
  return undefined;
}
