"use client";

import { useEffect } from "react";
import { useT } from "@/components/i18n/locale-provider";
import { Icon } from "@/components/ui/icons";
import { webToolOf } from "@/lib/chat-client/answer-sources";
import type { ToolPart } from "@/lib/chat-client/types";
import { formatDuration } from "./format";
import { JsonBlock } from "./json-block";
import { ToolApproval } from "./tool-approval";
import { useDisclosure } from "./use-disclosure";
import { useNow } from "./use-now";
import { WebToolResult } from "./web-tool-result";

interface ToolCardProps {
  part: ToolPart;
  /** The message is still streaming; a pending call in a finished message never got its result. */
  live: boolean;
  /** The answer's stream while it runs: where a decision on a waiting call goes (section 24). */
  streamId?: string | undefined;
}

/**
 * One MCP tool call: name and server, arguments, a running timer, then the result or the error (a
 * web tool's as a list of results or a page, issue 21).
 */
export function ToolCard({ part, live, streamId }: ToolCardProps) {
  const t = useT();
  // Open while running and on failure (the error should be seen); a finished call folds to its
  // header, like the reasoning panel, and opens on demand.
  const { open, setOpen, regionId, toggle } = useDisclosure(part.status !== "done");
  const webTool = webToolOf(part);
  useEffect(() => {
    setOpen(part.status !== "done");
  }, [part.status, setOpen]);

  return (
    <div
      data-testid="tool-card"
      className="rounded-xl border border-neutral-200 bg-neutral-50 dark:border-neutral-800 dark:bg-neutral-900"
      data-status={part.status}
      data-tool={part.name}
      data-approval={part.approval}
    >
      <button
        type="button"
        {...toggle}
        className="flex w-full min-w-0 items-center gap-2 rounded-xl px-3 py-2 text-left text-sm focus-visible:outline-2 focus-visible:outline-brand-500"
      >
        <Icon name="wrench" className="size-4 shrink-0 text-neutral-500" />
        <span className="min-w-0 truncate font-medium font-mono text-[0.8125rem]" data-testid="tool-name">
          {part.name}
        </span>
        {part.server && (
          <span
            data-testid="tool-server"
            className="hidden shrink-0 rounded-md bg-neutral-200/70 px-1.5 py-0.5 text-[0.6875rem] text-neutral-600 sm:inline dark:bg-neutral-800 dark:text-neutral-300"
          >
            {part.server}
          </span>
        )}
        <span className="ml-auto shrink-0 text-xs" data-testid="tool-status">
          <ToolStatus part={part} running={part.status === "pending" && live} />
        </span>
        <Icon
          name="chevron-down"
          className={`size-4 shrink-0 text-neutral-400 transition-transform ${open ? "rotate-180" : ""}`}
        />
      </button>
      <div
        id={regionId}
        hidden={!open}
        className="space-y-3 border-neutral-200 border-t px-3 py-3 dark:border-neutral-800"
      >
        <JsonBlock label={t.arguments} value={part.raw_arguments ?? part.arguments} testId="tool-arguments" />
        <ToolApproval part={part} streamId={streamId} live={live} />
        {part.status === "done" &&
          (webTool ? (
            <WebToolResult part={part} tool={webTool} />
          ) : (
            <JsonBlock label={t.result} value={part.result} testId="tool-result" />
          ))}
        {part.status === "failed" && (
          <JsonBlock label={t.error} value={part.error ?? ""} tone="error" testId="tool-error" />
        )}
      </div>
    </div>
  );
}

/** Failed, done in how long, running for how long (ticking), or stopped before it finished. */
function ToolStatus({ part, running }: { part: ToolPart; running: boolean }) {
  const t = useT();
  const now = useNow(running, 100);
  const elapsed = formatDuration((part.endedAt ?? now) - part.startedAt);
  if (part.status === "failed") {
    return (
      <span className="inline-flex items-center gap-1 text-red-600 dark:text-red-400">
        <Icon name="alert" className="size-3.5" />
        {t.toolFailed}
      </span>
    );
  }
  if (part.status === "done") {
    return (
      <span className="inline-flex items-center gap-1 text-emerald-700 dark:text-emerald-400">
        <Icon name="check" className="size-3.5" />
        {part.endedAt !== undefined ? t.toolDone(elapsed) : null}
      </span>
    );
  }
  if (!running) return <span className="text-neutral-500">{t.stopped}</span>;
  if (part.approval === "pending") {
    return <span className="text-amber-700 dark:text-amber-300">{t.approvalNeeded}</span>;
  }
  return (
    <span className="inline-flex items-center gap-1 text-brand-600 dark:text-brand-300">
      <Icon name="spinner" className="size-3.5" />
      {t.toolRunning(elapsed)}
    </span>
  );
}
