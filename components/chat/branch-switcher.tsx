"use client";

import { useT } from "@/components/i18n/locale-provider";
import { IconButton } from "@/components/ui/icon-button";
import { Icon } from "@/components/ui/icons";
import type { BranchPosition } from "@/lib/chat-client/conversation-tree";

export type OnBranch = (messageId: string, step: -1 | 1) => void;

interface BranchSwitcherProps {
  id: string;
  /** Absent (the message has no other versions, or the history is in the browser): nothing shows. */
  at: BranchPosition | undefined;
  onBranch: OnBranch | undefined;
  /** An answer is running: what is shown cannot change under it. */
  disabled?: boolean | undefined;
}

/** ‹ 2 / 3 ›: a message that was regenerated or edited, and which of its versions is shown. */
export function BranchSwitcher({ id, at, onBranch, disabled = false }: BranchSwitcherProps) {
  const t = useT();
  if (!at || !onBranch) return null;
  const { index, count } = at;
  return (
    <div className="flex items-center text-neutral-500 text-xs tabular-nums dark:text-neutral-400">
      <IconButton
        label={t.previousVersion}
        size="sm"
        disabled={disabled || index <= 1}
        onClick={() => onBranch(id, -1)}
        data-testid="branch-prev"
      >
        <Icon name="chevron-left" className="size-3.5" />
      </IconButton>
      <span data-testid="branch-label" title={t.versionOf(index, count)}>
        {index} / {count}
      </span>
      <IconButton
        label={t.nextVersion}
        size="sm"
        disabled={disabled || index >= count}
        onClick={() => onBranch(id, 1)}
        data-testid="branch-next"
      >
        <Icon name="chevron-right" className="size-3.5" />
      </IconButton>
    </div>
  );
}
