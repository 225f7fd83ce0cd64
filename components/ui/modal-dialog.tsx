"use client";

import { type ReactNode, useEffect, useRef } from "react";
import { useT } from "@/components/i18n/locale-provider";
import { IconButton } from "./icon-button";
import { Icon } from "./icons";

const WIDTH = { md: "w-[min(26rem,calc(100vw-2rem))]", lg: "w-[min(34rem,calc(100vw-2rem))]" };

interface ModalDialogProps {
  testId: string;
  titleId: string;
  title: string;
  size?: keyof typeof WIDTH;
  closeTestId?: string;
  onClose: () => void;
  /** Below the title, a line apart from it and from each other; `spaced={false}` for a body that spaces itself. */
  children: ReactNode;
  spaced?: boolean;
}

/**
 * The app's modal <dialog>: opened on mount, closed by Escape, the backdrop or its ✕ (then
 * `onClose`), focus kept inside while it is open. The share, API-key and password dialogs.
 */
export function ModalDialog({
  testId,
  titleId,
  title,
  size = "lg",
  closeTestId,
  onClose,
  children,
  spaced = true,
}: ModalDialogProps) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: a click on the backdrop; the keyboard has Escape.
    <dialog
      ref={ref}
      data-testid={testId}
      aria-labelledby={titleId}
      onClose={onClose}
      onClick={(event) => {
        if (event.target === event.currentTarget) event.currentTarget.close();
      }}
      className={`m-auto ${WIDTH[size]} rounded-2xl border border-neutral-200 bg-white p-0 text-neutral-900 shadow-xl backdrop:bg-black/40 dark:border-neutral-800 dark:bg-neutral-900 dark:text-neutral-100`}
    >
      <div className="p-5">
        <header className="flex items-center gap-2">
          <h2 id={titleId} className="flex-1 font-semibold text-base">
            {title}
          </h2>
          <IconButton
            label={t.close}
            size="sm"
            onClick={() => ref.current?.close()}
            data-testid={closeTestId}
          >
            <Icon name="close" className="size-4" />
          </IconButton>
        </header>
        {spaced ? <div className="mt-4 space-y-4">{children}</div> : children}
      </div>
    </dialog>
  );
}
