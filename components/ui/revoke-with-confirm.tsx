"use client";

import { type ReactNode, useState } from "react";
import { useT } from "@/components/i18n/locale-provider";

const SMALL = "h-7 shrink-0 rounded-md px-2 text-xs";

interface RevokeWithConfirmProps {
  /** What the second click confirms, beside the buttons on wider screens. */
  question: string;
  testId: string;
  confirmTestId: string;
  onRevoke: () => void;
  /** The row's other actions, shown until a first click on Revoke. */
  children?: ReactNode;
}

/** A list row's Revoke (a share link, an API key): a first click asks, a second one revokes. */
export function RevokeWithConfirm({
  question,
  testId,
  confirmTestId,
  onRevoke,
  children,
}: RevokeWithConfirmProps) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <>
        {children}
        <button
          type="button"
          data-testid={testId}
          onClick={() => setConfirming(true)}
          className={`${SMALL} text-red-600 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950/40`}
        >
          {t.revoke}
        </button>
      </>
    );
  }
  return (
    <>
      <span className="hidden text-neutral-600 text-xs sm:inline dark:text-neutral-300">{question}</span>
      <button
        type="button"
        data-testid={confirmTestId}
        onClick={onRevoke}
        className={`${SMALL} bg-red-600 font-medium text-white hover:bg-red-700 focus-visible:outline-2 focus-visible:outline-red-500`}
      >
        {t.revoke}
      </button>
      <button
        type="button"
        onClick={() => setConfirming(false)}
        className={`${SMALL} text-neutral-600 hover:bg-neutral-200 dark:text-neutral-300 dark:hover:bg-neutral-700`}
      >
        {t.cancel}
      </button>
    </>
  );
}
