"use client";

import { memo, type RefObject, useState } from "react";
import { useT } from "@/components/i18n/locale-provider";
import { Icon } from "@/components/ui/icons";
import { shouldSendOnKeyDown } from "@/lib/chat-client/is-composing-enter";
import { EffortPicker } from "./effort-picker";
import { preloadMarkdown } from "./markdown/lazy-markdown";
import { ModelPicker } from "./model-picker";
import { ReasoningToggle } from "./reasoning-toggle";
import { useAutoGrow } from "./use-auto-grow";
import type { ChatPreferences } from "./use-chat-preferences";

interface ComposerProps {
  inputRef: RefObject<HTMLTextAreaElement | null>;
  streaming: boolean;
  onSend: (text: string) => void;
  onStop: () => void;
  preferences: ChatPreferences;
}

/** Where a turn is written: auto-growing, Enter sends (never mid-IME), Stop while answering. */
export const Composer = memo(function Composer({
  inputRef,
  streaming,
  onSend,
  onStop,
  preferences,
}: ComposerProps) {
  const t = useT();
  const [text, setText] = useState("");
  useAutoGrow(inputRef, text, 240);
  const canSend = text.trim() !== "" && !streaming;

  // The form's submit and Enter alike, without the browser's own submission.
  const submit = (event: { preventDefault(): void }) => {
    event.preventDefault();
    if (!canSend) return;
    onSend(text);
    setText("");
  };

  return (
    <form
      onSubmit={submit}
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
          if (shouldSendOnKeyDown(event)) submit(event);
        }}
        className="block max-h-60 w-full resize-none bg-transparent px-3 py-2 text-[0.9375rem] leading-relaxed outline-none placeholder:text-neutral-500 dark:placeholder:text-neutral-400"
      />
      <p id="composer-hint" className="sr-only">
        {t.composerHint}
      </p>
      <div className="flex items-center gap-2 pt-1 pl-1">
        <ReasoningToggle pressed={preferences.thinking} onChange={preferences.setThinking} />
        {preferences.thinking && <EffortPicker value={preferences.effort} onChange={preferences.setEffort} />}
        {preferences.models.length > 1 && (
          <ModelPicker
            models={preferences.models}
            value={preferences.model}
            onChange={preferences.setModel}
          />
        )}
        <div className="ml-auto">
          <SendButton streaming={streaming} disabled={!canSend} onStop={onStop} />
        </div>
      </div>
    </form>
  );
});

const ROUND =
  "inline-flex size-9 items-center justify-center rounded-full focus-visible:outline-2 focus-visible:outline-brand-500 focus-visible:outline-offset-2";
const STOP =
  "bg-neutral-900 text-white hover:bg-neutral-700 dark:bg-neutral-100 dark:text-neutral-900 dark:hover:bg-neutral-300";
const SEND =
  "bg-brand-600 text-white hover:bg-brand-700 disabled:bg-neutral-300 disabled:text-neutral-50 dark:disabled:bg-neutral-700 dark:disabled:text-neutral-400";

/** Send (the form's submit button), or Stop while an answer streams. */
function SendButton({
  streaming,
  disabled,
  onStop,
}: {
  streaming: boolean;
  disabled: boolean;
  onStop: () => void;
}) {
  const t = useT();
  const label = streaming ? t.stop : t.send;
  return (
    <button
      type={streaming ? "button" : "submit"}
      onClick={streaming ? onStop : undefined}
      disabled={!streaming && disabled}
      data-testid={streaming ? "stop" : "send"}
      aria-label={label}
      title={label}
      className={`${ROUND} ${streaming ? STOP : SEND}`}
    >
      {streaming ? <Icon name="stop" className="size-3.5" /> : <Icon name="arrow-up" className="size-4" />}
    </button>
  );
}
