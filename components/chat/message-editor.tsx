"use client";

import { useEffect, useRef, useState } from "react";
import { useT } from "@/components/i18n/locale-provider";
import { shouldSendOnKeyDown } from "@/lib/chat-client/is-composing-enter";
import { useAutoGrow } from "./use-auto-grow";

interface MessageEditorProps {
  initialText: string;
  onSubmit: (text: string) => void;
  onCancel: () => void;
}

const BUTTON = "h-8 rounded-lg px-3 text-sm focus-visible:outline-2 focus-visible:outline-brand-500";

/** Inline editor for a sent message: Save & send (or Enter) resends from here, Esc cancels. */
export function MessageEditor({ initialText, onSubmit, onCancel }: MessageEditorProps) {
  const t = useT();
  const [text, setText] = useState(initialText);
  const ref = useRef<HTMLTextAreaElement>(null);
  useAutoGrow(ref, text, 320);

  useEffect(() => {
    const area = ref.current;
    if (!area) return;
    area.focus();
    area.setSelectionRange(area.value.length, area.value.length);
  }, []);

  const submit = () => {
    if (text.trim() !== "") onSubmit(text);
  };

  return (
    <div
      data-testid="message-editor"
      className="ml-auto w-full max-w-[85%] rounded-2xl border border-neutral-300 bg-white p-2 shadow-sm dark:border-neutral-700 dark:bg-neutral-900"
    >
      <textarea
        ref={ref}
        value={text}
        aria-label={t.edit}
        data-testid="edit-input"
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape") onCancel();
          else if (shouldSendOnKeyDown(event)) {
            event.preventDefault();
            submit();
          }
        }}
        rows={1}
        className="block w-full resize-none bg-transparent px-2 py-1.5 text-[0.9375rem] leading-relaxed outline-none"
      />
      <div className="flex justify-end gap-2 pt-1">
        <button
          type="button"
          onClick={onCancel}
          data-testid="edit-cancel"
          className={`${BUTTON} text-neutral-700 hover:bg-neutral-100 dark:text-neutral-300 dark:hover:bg-neutral-800`}
        >
          {t.cancel}
        </button>
        <button
          type="button"
          onClick={submit}
          disabled={text.trim() === ""}
          data-testid="edit-save"
          className={`${BUTTON} bg-brand-600 font-medium text-white hover:bg-brand-700 focus-visible:outline-offset-2 disabled:opacity-50`}
        >
          {t.saveAndSend}
        </button>
      </div>
    </div>
  );
}
