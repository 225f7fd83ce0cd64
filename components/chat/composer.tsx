"use client";

import { memo, type RefObject, useState } from "react";
import { useT } from "@/components/i18n/locale-provider";
import { Icon } from "@/components/ui/icons";
import { shouldSendOnKeyDown } from "@/lib/chat-client/is-composing-enter";
import { preloadMarkdown } from "./markdown/lazy-markdown";
import { ModelPicker } from "./model-picker";
import { ReasoningToggle } from "./reasoning-toggle";
import { useAutoGrow } from "./use-auto-grow";

interface ComposerProps {
  inputRef: RefObject<HTMLTextAreaElement | null>;
  streaming: boolean;
  onSend: (text: string) => void;
  onStop: () => void;
  thinking: boolean;
  onThinkingChange: (thinking: boolean) => void;
  models: readonly string[];
  model: string;
  onModelChange: (model: string) => void;
}

/** Where a turn is written: auto-growing, Enter sends (never mid-IME), Stop while answering. */
export const Composer = memo(function Composer({
  inputRef,
  streaming,
  onSend,
  onStop,
  thinking,
  onThinkingChange,
  models,
  model,
  onModelChange,
}: ComposerProps) {
  const t = useT();
  const [text, setText] = useState("");
  useAutoGrow(inputRef, text, 240);
  const canSend = text.trim() !== "" && !streaming;

  const send = () => {
    if (!canSend) return;
    onSend(text);
    setText("");
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
      className="rounded-3xl border border-neutral-200 bg-white p-2 shadow-sm transition-colors focus-within:border-neutral-400 dark:border-neutral-700 dark:bg-neutral-900 dark:focus-within:border-neutral-500"
    >
      <label htmlFor="composer-input" className="sr-only">
        {t.composerLabel}
      </label>
      <textarea
        id="composer-input"
        ref={inputRef}
        data-testid="composer-input"
        value={text}
        rows={1}
        placeholder={t.composerPlaceholder}
        aria-describedby="composer-hint"
        onChange={(event) => {
          setText(event.target.value);
          // Typing means an answer is coming: fetch its renderer now rather than when it arrives.
          void preloadMarkdown().catch(() => {});
        }}
        onKeyDown={(event) => {
          if (!shouldSendOnKeyDown(event)) return;
          event.preventDefault();
          send();
        }}
        className="block max-h-60 w-full resize-none bg-transparent px-3 py-2 text-[0.9375rem] leading-relaxed outline-none placeholder:text-neutral-500 dark:placeholder:text-neutral-400"
      />
      <p id="composer-hint" className="sr-only">
        {t.composerHint}
      </p>
      <div className="flex items-center gap-2 pt-1 pl-1">
        <ReasoningToggle pressed={thinking} onChange={onThinkingChange} />
        {models.length > 1 && <ModelPicker models={models} value={model} onChange={onModelChange} />}
        <div className="ml-auto">
          {streaming ? (
            <button
              type="button"
              onClick={onStop}
              data-testid="stop"
              aria-label={t.stop}
              title={t.stop}
              className="inline-flex size-9 items-center justify-center rounded-full bg-neutral-900 text-white hover:bg-neutral-700 focus-visible:outline-2 focus-visible:outline-brand-500 focus-visible:outline-offset-2 dark:bg-neutral-100 dark:text-neutral-900 dark:hover:bg-neutral-300"
            >
              <Icon name="stop" className="size-3.5" />
            </button>
          ) : (
            <button
              type="submit"
              disabled={!canSend}
              data-testid="send"
              aria-label={t.send}
              title={t.send}
              className="inline-flex size-9 items-center justify-center rounded-full bg-brand-600 text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-brand-500 focus-visible:outline-offset-2 disabled:bg-neutral-300 disabled:text-neutral-50 dark:disabled:bg-neutral-700 dark:disabled:text-neutral-400"
            >
              <Icon name="arrow-up" className="size-4" />
            </button>
          )}
        </div>
      </div>
    </form>
  );
});
