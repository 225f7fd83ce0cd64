"use client";

import type { UIMessage } from "@/lib/chat-client/types";
import { AssistantMessage } from "./assistant-message";
import { UserMessage } from "./user-message";

interface MessageListProps {
  messages: readonly UIMessage[];
  onRegenerate: () => void;
  onEdit: (messageId: string, text: string) => void;
}

export function MessageList({ messages, onRegenerate, onEdit }: MessageListProps) {
  return (
    <div data-testid="message-list" className="space-y-5">
      {messages.map((message, index) =>
        message.role === "user" ? (
          <UserMessage key={message.id} message={message} onEdit={onEdit} />
        ) : (
          <AssistantMessage
            key={message.id}
            message={message}
            isLast={index === messages.length - 1}
            onRegenerate={onRegenerate}
          />
        ),
      )}
    </div>
  );
}
