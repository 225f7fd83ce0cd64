"use client";

import { useT } from "@/components/i18n/locale-provider";
import { ErrorBoundary } from "@/components/ui/error-boundary";
import type { BranchPosition } from "@/lib/chat-client/conversation-tree";
import type { MessageFocus } from "@/lib/chat-client/server-history";
import type { UIMessage } from "@/lib/chat-client/types";
import { AssistantMessage } from "./assistant-message";
import type { OnBranch } from "./branch-switcher";
import { MessageFallback } from "./message-fallback";
import { useMessageFocus } from "./use-message-focus";
import { useMessageWindow } from "./use-message-window";
import { UserMessage } from "./user-message";

interface MessageListProps {
  /** The open conversation (null: a new one): another one opens at its end. */
  conversationId: string | null;
  messages: readonly UIMessage[];
  onRegenerate: () => void;
  onEdit: (messageId: string, text: string) => void;
  /** With the history on the server: the messages that have other versions, and moving between them. */
  branches?: Branching | undefined;
  /** A message to bring into view and mark for a moment (a search hit). */
  focus?: MessageFocus | undefined;
}

export interface Branching {
  positions: ReadonlyMap<string, BranchPosition>;
  onBranch: OnBranch;
  /** An answer is running. */
  disabled: boolean;
}

export function MessageList({
  conversationId,
  messages,
  onRegenerate,
  onEdit,
  branches,
  focus,
}: MessageListProps) {
  const t = useT();
  const target = focus ? messages.findIndex((m) => m.id === focus.messageId) : -1;
  const { hidden, more, listRef } = useMessageWindow(
    conversationId,
    messages.length,
    target < 0 ? undefined : target,
  );
  const marked = useMessageFocus(listRef, focus, target >= hidden);
  return (
    <div ref={listRef} data-testid="message-list" className="space-y-5">
      {hidden > 0 && (
        <div className="flex justify-center">
          <button
            type="button"
            data-testid="show-earlier"
            onClick={more}
            className="rounded-full border border-neutral-200 px-3 py-1 text-neutral-600 text-xs hover:bg-neutral-100 dark:border-neutral-800 dark:text-neutral-300 dark:hover:bg-neutral-900"
          >
            {t.showEarlier(hidden)}
          </button>
        </div>
      )}
      {messages.slice(hidden).map((message, index) => (
        <div
          key={message.id}
          data-message-id={message.id}
          data-marked={message.id === marked || undefined}
          className="-mx-2 rounded-2xl px-2 transition-colors duration-700 data-marked:bg-amber-100/70 dark:data-marked:bg-amber-400/10"
        >
          {/* One boundary per message: whatever a message holds, it can only break itself. Reset on
              the message object, which the reducer replaces whenever it changes: a streaming answer
              that failed gets another try with its next chunk, a finished one stays as plain text. */}
          <ErrorBoundary resetKey={message} fallback={<MessageFallback message={message} />}>
            {message.role === "user" ? (
              <UserMessage message={message} onEdit={onEdit} {...branchProps(branches, message.id)} />
            ) : (
              <AssistantMessage
                message={message}
                isLast={hidden + index === messages.length - 1}
                onRegenerate={onRegenerate}
                {...branchProps(branches, message.id)}
              />
            )}
          </ErrorBoundary>
        </div>
      ))}
    </div>
  );
}

/** One message's ‹ n / m ›, when it has other versions. */
function branchProps(branches: Branching | undefined, id: string) {
  const position = branches?.positions.get(id);
  if (!branches || !position) return {};
  return { branch: position, onBranch: branches.onBranch, branchDisabled: branches.disabled };
}
