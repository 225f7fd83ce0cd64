"use client";

import { useRef } from "react";
import { useT } from "@/components/i18n/locale-provider";
import { Icon } from "@/components/ui/icons";

/** The paperclip: the system's file picker, several files at a time. */
export function AttachButton({
  onFiles,
  disabled,
}: {
  onFiles: (files: File[]) => void;
  disabled?: boolean;
}) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="attach-input"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          // Cleared, so choosing the same file again is a change too.
          event.target.value = "";
          if (files.length > 0) onFiles(files);
        }}
      />
      <button
        type="button"
        data-testid="attach"
        aria-label={t.attachFiles}
        title={t.attachHint}
        disabled={disabled}
        onClick={() => input.current?.click()}
        className="inline-flex size-8 items-center justify-center rounded-full text-neutral-600 hover:bg-neutral-100 focus-visible:outline-2 focus-visible:outline-brand-500 disabled:opacity-50 dark:text-neutral-300 dark:hover:bg-neutral-800"
      >
        <Icon name="paperclip" className="size-4" />
      </button>
    </>
  );
}
