"use client";

import { type DragEvent, memo, type ReactNode, type RefObject, useState } from "react";
import { useT } from "@/components/i18n/locale-provider";
import { Icon } from "@/components/ui/icons";
import { shouldSendOnKeyDown } from "@/lib/chat-client/is-composing-enter";
import type { UserPart } from "@/lib/chat-client/types";
import { estimateTokens } from "@/lib/protocol/token-estimate";
import { AttachButton } from "./attach-button";
import { ContextGauge } from "./context-gauge";
import { EffortPicker } from "./effort-picker";
import { FileChip } from "./file-chip";
import { preloadMarkdown } from "./markdown/lazy-markdown";
import { ModelPicker } from "./model-picker";
import { ReasoningToggle } from "./reasoning-toggle";
import { SearchToggle } from "./search-toggle";
import { ToolsMenu } from "./tools-menu";
import { type Attachments, useAttachments } from "./use-attachments";
import { useAutoGrow } from "./use-auto-grow";
import type { ChatPreferences } from "./use-chat-preferences";
import type { ConversationTools } from "./use-conversation-tools";

interface ComposerProps {
  inputRef: RefObject<HTMLTextAreaElement | null>;
  streaming: boolean;
  onSend: (text: string, files: readonly UserPart[]) => void;
  onStop: () => void;
  preferences: ChatPreferences;
  /** What the conversation takes of the model's window before the draft, and the window (tokens). */
  context?: { used: number; window: number } | undefined;
  /** The chosen model reads images (VISION_MODELS): attached images go with the question. */
  readsImages: boolean;
  /** The tools menu: what this conversation goes without (PROTOCOL.md section 25). */
  tools?: ConversationTools | undefined;
}

/**
 * Where a turn is written: auto-growing, Enter sends (never mid-IME), Stop while answering. Files
 * come by the paperclip, by dropping them on it, or by pasting them.
 */
export const Composer = memo(function Composer({
  inputRef,
  streaming,
  onSend,
  onStop,
  preferences,
  context,
  readsImages,
  tools,
}: ComposerProps) {
  const t = useT();
  const [text, setText] = useState("");
  const attachments = useAttachments(readsImages);
  const drop = useFileDrop(attachments.add);
  useAutoGrow(inputRef, text, 240);
  const canSend = (text.trim() !== "" || attachments.ready.length > 0) && !attachments.reading && !streaming;
  // The draft's share of the window, estimated on each keystroke (a pass over the text), with the
  // attached files' text as the model will read it.
  const used = (text ? estimateTokens(text) + 4 : 0) + attachments.tokens;

  // The form's submit and Enter alike, without the browser's own submission.
  const submit = (event: { preventDefault(): void }) => {
    event.preventDefault();
    if (!canSend) return;
    onSend(text, attachments.ready);
    setText("");
    attachments.clear();
  };

  return (
    <form
      onSubmit={submit}
      {...drop.handlers}
      data-dropping={drop.over || undefined}
      className={`${FORM} ${drop.over ? "border-brand-500 border-dashed" : "border-neutral-200 dark:border-neutral-700"}`}
    >
      {drop.over && <p className="sr-only">{t.dropFiles}</p>}
      <PendingFiles attachments={attachments} readsImages={readsImages} />
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
        onPaste={(event) => {
          const files = pastedFiles(event.clipboardData);
          if (files.length > 0) event.preventDefault();
          if (files.length > 0) attachments.add(files);
        }}
        className="block max-h-60 w-full resize-none bg-transparent px-3 py-2 text-[0.9375rem] leading-relaxed outline-none placeholder:text-neutral-500 dark:placeholder:text-neutral-400"
      />
      <p id="composer-hint" className="sr-only">
        {t.composerHint}
      </p>
      <ComposerControls
        preferences={preferences}
        tools={tools}
        onFiles={attachments.add}
        gauge={gaugeOf(context, used)}
      >
        <SendButton streaming={streaming} disabled={!canSend} onStop={onStop} />
      </ComposerControls>
    </form>
  );
});

/** The row under the text: attach, 深度思考 and its effort, 联网搜索, tools, the model, the context gauge, and Send (`children`). */
function ComposerControls({
  preferences,
  tools,
  onFiles,
  gauge,
  children,
}: {
  preferences: ChatPreferences;
  tools: ConversationTools | undefined;
  onFiles: (files: File[]) => void;
  gauge: { used: number; window: number } | undefined;
  children: ReactNode;
}) {
  return (
    // On a phone the row is full (the tools menu joined it): narrower gaps and pills leave the
    // model's pill room to show itself rather than collapse onto its chevron.
    <div className="flex items-center gap-1 pt-1 pl-1 sm:gap-2">
      <AttachButton onFiles={onFiles} />
      <ReasoningToggle pressed={preferences.thinking} onChange={preferences.setThinking} />
      {preferences.thinking && <EffortPicker value={preferences.effort} onChange={preferences.setEffort} />}
      {preferences.searchAvailable && (
        <SearchToggle pressed={preferences.search} onChange={preferences.setSearch} />
      )}
      {tools && tools.servers.length > 0 && <ToolsMenu tools={tools} />}
      {preferences.models.length > 1 && (
        <ModelPicker models={preferences.models} value={preferences.model} onChange={preferences.setModel} />
      )}
      {gauge && <ContextGauge used={gauge.used} window={gauge.window} />}
      <div className="ml-auto">{children}</div>
    </div>
  );
}

/** The context gauge: the conversation and the draft together, once there is either. */
function gaugeOf(context: ComposerProps["context"], draft: number) {
  if (!context || (draft === 0 && context.used === 0)) return undefined;
  return { used: context.used + draft, window: context.window };
}

const FORM =
  "rounded-3xl border bg-white p-2 shadow-sm transition-colors focus-within:border-neutral-400 dark:bg-neutral-900 dark:focus-within:border-neutral-500";

/**
 * Files alone (a screenshot, a file copied in the file manager); text that comes with a picture of
 * itself (a spreadsheet's cells) is pasted as text.
 */
function pastedFiles(data: DataTransfer): File[] {
  const files = [...data.files];
  return files.length === 0 || data.types.includes("text/plain") ? [] : files;
}

/** The files attached so far, each removable until the question is sent. */
function PendingFiles({ attachments, readsImages }: { attachments: Attachments; readsImages: boolean }) {
  const t = useT();
  if (attachments.items.length === 0) return null;
  return (
    <ul
      aria-label={t.attachedFiles}
      data-testid="pending-files"
      className="flex flex-wrap gap-2 px-1 pt-1 pb-2"
    >
      {attachments.items.map((item) => (
        <FileChip
          key={item.id}
          name={item.name}
          size={item.size}
          text={item.file?.type === "file" ? item.file.text : undefined}
          image={item.file?.type === "image" ? item.file : undefined}
          unsent={!readsImages}
          status={item.status}
          error={item.error}
          onRemove={() => attachments.remove(item.id)}
        />
      ))}
    </ul>
  );
}

/** Files dragged over the composer: it shows it can take them, and takes them when dropped. */
function useFileDrop(add: (files: File[]) => void) {
  const [over, setOver] = useState(false);
  const carriesFiles = (event: DragEvent) => event.dataTransfer.types.includes("Files");
  const handlers = {
    onDragOver: (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      setOver(true);
    },
    onDragLeave: (event: DragEvent) => {
      // Leaving for a child of the form is still over it.
      const next = event.relatedTarget;
      if (next instanceof Node && event.currentTarget.contains(next)) return;
      setOver(false);
    },
    onDrop: (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      setOver(false);
      add([...event.dataTransfer.files]);
    },
  };
  return { over, handlers };
}

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
