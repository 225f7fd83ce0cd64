"use client";

import { CopyButton } from "./copy-button";

interface CopyFieldProps {
  value: string;
  label: string;
  copyLabel: string;
  copiedLabel: string;
  testId: string;
  copyTestId: string;
  /** The field's and the button's background. */
  surface: string;
}

/** Something made to be taken away (a share link, a new API key): selected on focus, one click to copy. */
export function CopyField({
  value,
  label,
  copyLabel,
  copiedLabel,
  testId,
  copyTestId,
  surface,
}: CopyFieldProps) {
  return (
    <div className="flex items-center gap-2">
      <input
        readOnly
        value={value}
        aria-label={label}
        data-testid={testId}
        onFocus={(event) => event.currentTarget.select()}
        className={`h-9 min-w-0 flex-1 rounded-lg border border-neutral-300 px-3 font-mono text-xs dark:border-neutral-700 dark:bg-neutral-950 ${surface}`}
      />
      <CopyButton
        text={value}
        label={copyLabel}
        copiedLabel={copiedLabel}
        showLabel
        testId={copyTestId}
        className={`h-9 shrink-0 border border-neutral-300 dark:border-neutral-700 ${surface}`}
      />
    </div>
  );
}
