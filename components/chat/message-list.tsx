"use client";

import { ErrorBoundary } from "@/components/ui/error-boundary";
import type { UIMessage } from "@/lib/chat-client/types";
import { AssistantMessage } from "./assistant-message";
import { MessageFallback } from "./message-fallback";
import { UserMessage } from "./user-message";

interface MessageListProps {
  messages: readonly UIMessage[];
  onRegenerate: () => void;
  onEdit: (messageId: string, text: string) => void;
}

export function MessageList({ messages, onRegenerate, onEdit }: MessageListProps) {
  return (
    <div data-testid="message-list" className="space-y-5">
      {messages.map((message, index) => (
        // One boundary per message: whatever a message holds, it can only break itself. Keyed on the
        // message object, which the reducer replaces whenever it changes: a streaming answer that
        // failed gets another try with its next chunk, a finished one stays as plain text.
        <ErrorBoundary key={message.id} resetKey={message} fallback={<MessageFallback message={message} />}>
          {message.role === "user" ? (
            <UserMessage message={message} onEdit={onEdit} />
          ) : (
            <AssistantMessage
              message={message}
              isLast={index === messages.length - 1}
              onRegenerate={onRegenerate}
            />
          )}
        </ErrorBoundary>
      ))}
    </div>
  );
}
