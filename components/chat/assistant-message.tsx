"use client";

import { memo, type ReactNode } from "react";
import { useT } from "@/components/i18n/locale-provider";
import { CopyButton } from "@/components/ui/copy-button";
import { IconButton } from "@/components/ui/icon-button";
import { Icon } from "@/components/ui/icons";
import type { WebSource } from "@/lib/chat-client/answer-sources";
import type { BranchPosition } from "@/lib/chat-client/conversation-tree";
import type { UIMessage } from "@/lib/chat-client/types";
import { BranchSwitcher, type OnBranch } from "./branch-switcher";
import { ErrorNotice } from "./error-notice";
import { groupParts, type PartGroup } from "./group-parts";
import { Markdown } from "./markdown/lazy-markdown";
import { ReasoningPanel } from "./reasoning-panel";
import { SourcesList } from "./sources-list";
import { StatsLine } from "./stats-line";
import { ToolGroup } from "./tool-group";
import { useAnswerSources } from "./use-answer-sources";

interface AssistantMessageProps {
  message: UIMessage;
  /** The conversation's last message: the one Regenerate and Retry replace. */
  isLast: boolean;
  /** Absent: read only (a share link), nothing to regenerate or retry. */
  onRegenerate?: (() => void) | undefined;
  /** Regenerated before: which version this is (‹ 2 / 3 ›). */
  branch?: BranchPosition | undefined;
  onBranch?: OnBranch | undefined;
  branchDisabled?: boolean | undefined;
}

/**
 * One answer, its parts in stream order: reasoning, tool rounds, text, errors; then the web sources
 * its [n] citations link to. Memoised: only the streaming answer gets a new object per frame (the
 * reducer copies what it changes).
 */
export const AssistantMessage = memo(function AssistantMessage({
  message,
  isLast,
  onRegenerate,
  branch,
  onBranch,
  branchDisabled,
}: AssistantMessageProps) {
  const t = useT();
  const live = message.status === "streaming";
  const groups = groupParts(message.parts);
  const sources = useAnswerSources(message.parts);
  const hasError = message.parts.some((part) => part.type === "error");
  const retry = isLast && !live ? onRegenerate : undefined;
  const interrupted = message.status === "interrupted";

  return (
    <article
      data-testid="assistant-message"
      data-status={message.status}
      aria-label={t.assistant}
      className="flex gap-3"
    >
      <div className="mt-0.5 hidden size-8 shrink-0 items-center justify-center rounded-full border border-neutral-200 text-brand-600 sm:flex dark:border-neutral-800 dark:text-brand-300">
        <Icon name="logo" className="size-5" />
      </div>
      <div className="min-w-0 flex-1 space-y-3">
        {groups.map((group) => (
          <PartGroupView
            key={group.key}
            group={group}
            live={live}
            interrupted={interrupted}
            onRetry={retry}
            sources={sources}
            streamId={message.resume?.streamId}
          />
        ))}
        {sources.length > 0 && <SourcesList sources={sources} />}
        {live && message.parts.length === 0 && !message.reconnecting && <Waiting />}
        {live && message.reconnecting && <Reconnecting label={t.reconnecting} />}
        {interrupted && !hasError && (
          <ErrorNotice message={t.interruptedHint} t={t} title={t.interrupted} onRetry={retry} />
        )}
        {!live && (
          <AnswerFooter message={message} onRegenerate={retry}>
            <BranchSwitcher id={message.id} at={branch} onBranch={onBranch} disabled={branchDisabled} />
          </AnswerFooter>
        )}
      </div>
    </article>
  );
});

/** A finished answer's tools and facts: copy, regenerate (the last one), stopped, model, stats. */
function AnswerFooter({
  message,
  onRegenerate,
  children,
}: {
  message: UIMessage;
  onRegenerate: (() => void) | undefined;
  /** ‹ n / m ›, when the answer has other versions. */
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <footer className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <div className="-ml-1.5 flex items-center gap-0.5">
        {children}
        {message.content !== "" && (
          <CopyButton text={message.content} label={t.copy} copiedLabel={t.copied} testId="copy-message" />
        )}
        {onRegenerate && (
          <IconButton label={t.regenerate} size="sm" onClick={onRegenerate} data-testid="regenerate">
            <Icon name="refresh" className="size-3.5" />
          </IconButton>
        )}
      </div>
      {message.status === "stopped" && (
        <span data-testid="stopped-label" className="text-neutral-500 text-xs dark:text-neutral-400">
          {t.stopped}
        </span>
      )}
      {message.model && (
        <span className="text-[0.6875rem] text-neutral-500 dark:text-neutral-400">{message.model}</span>
      )}
      {message.stats && <StatsLine stats={message.stats} t={t} />}
    </footer>
  );
}

/** The connection dropped mid-answer; the chat is re-attaching to it (PROTOCOL.md section 8). */
function Reconnecting({ label }: { label: string }) {
  return (
    <p
      data-testid="reconnecting"
      role="status"
      className="flex items-center gap-2 text-amber-700 text-xs dark:text-amber-300"
    >
      <span className="size-1.5 animate-pulse rounded-full bg-current" aria-hidden="true" />
      {label}
    </p>
  );
}

/** Three pulsing dots between sending and the first event. */
function Waiting() {
  return (
    <div data-testid="waiting" className="flex h-7 items-center gap-1" aria-hidden="true">
      {[0, 150, 300].map((delay) => (
        <span
          key={delay}
          className="size-1.5 animate-pulse rounded-full bg-neutral-400"
          style={{ animationDelay: `${delay}ms` }}
        />
      ))}
    </div>
  );
}

interface PartGroupViewProps {
  group: PartGroup;
  live: boolean;
  interrupted: boolean;
  onRetry: (() => void) | undefined;
  sources: readonly WebSource[];
  streamId: string | undefined;
}

function PartGroupView({ group, live, interrupted, onRetry, sources, streamId }: PartGroupViewProps) {
  const t = useT();
  switch (group.kind) {
    case "reasoning":
      return <ReasoningPanel part={group.part} live={live} />;
    case "tools":
      return (
        <ToolGroup
          parts={group.parts}
          live={live}
          label={t.toolsUsed(group.parts.length)}
          streamId={streamId}
        />
      );
    case "text":
      return <Markdown text={group.part.text} className="text-[0.9375rem]" live={live} sources={sources} />;
    case "error":
      return (
        <ErrorNotice
          message={group.part.message}
          code={group.part.code}
          t={t}
          {...(interrupted ? { title: t.interrupted } : {})}
          onRetry={onRetry}
        />
      );
  }
}
