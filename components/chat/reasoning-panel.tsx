"use client";

import { useEffect } from "react";
import { useT } from "@/components/i18n/locale-provider";
import { Icon } from "@/components/ui/icons";
import type { ReasoningPart } from "@/lib/chat-client/types";
import { wholeSeconds } from "./format";
import { useDisclosure } from "./use-disclosure";
import { useNow } from "./use-now";

interface ReasoningPanelProps {
  part: ReasoningPart;
  /** The message is still streaming: without `endedAt` the model is thinking right now. */
  live: boolean;
}

/**
 * The model's chain of thought: open while it streams, folded once the answer starts (the part
 * gets `endedAt`), reopenable. Titled with how long the thinking took.
 */
export function ReasoningPanel({ part, live }: ReasoningPanelProps) {
  const t = useT();
  const thinking = live && part.endedAt === undefined;
  const { open, setOpen, regionId, toggle } = useDisclosure(thinking);
  const now = useNow(thinking);

  // Fold when thinking ends; the reader can open it again.
  useEffect(() => {
    if (!thinking) setOpen(false);
  }, [thinking, setOpen]);

  const seconds = wholeSeconds((part.endedAt ?? now) - part.startedAt);
  const title = thinking
    ? t.thinkingFor(seconds)
    : part.endedAt !== undefined
      ? t.thoughtFor(seconds)
      : t.thoughtStopped;

  return (
    <div data-testid="reasoning-panel" data-state={thinking ? "thinking" : "done"} className="my-1">
      <button
        type="button"
        {...toggle}
        data-testid="reasoning-toggle-panel"
        className="inline-flex items-center gap-1.5 rounded-lg bg-neutral-100 px-2.5 py-1 text-neutral-600 text-xs transition-colors hover:bg-neutral-200 focus-visible:outline-2 focus-visible:outline-brand-500 dark:bg-neutral-800/70 dark:text-neutral-300 dark:hover:bg-neutral-800"
      >
        <Icon
          name="atom"
          className={`size-3.5 ${thinking ? "animate-pulse text-brand-600 dark:text-brand-300" : ""}`}
        />
        <span data-testid="reasoning-title">{title}</span>
        <Icon name="chevron-down" className={`size-3.5 transition-transform ${open ? "rotate-180" : ""}`} />
      </button>
      <div
        id={regionId}
        hidden={!open}
        data-testid="reasoning-text"
        className="mt-2 whitespace-pre-wrap border-neutral-200 border-l-2 pl-3 text-neutral-500 text-sm leading-relaxed dark:border-neutral-700 dark:text-neutral-400"
      >
        {part.text}
      </div>
    </div>
  );
}
