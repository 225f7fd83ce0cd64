"use client";

import { AssistantMessage } from "@/components/chat/assistant-message";
import { LocalTime } from "@/components/chat/local-time";
import { MarkdownRenderer } from "@/components/chat/markdown/lazy-markdown";
import { Markdown } from "@/components/chat/markdown/markdown";
import { UserMessage } from "@/components/chat/user-message";
import type { Locale } from "@/components/i18n/dictionary";
import { LocaleProvider, useT } from "@/components/i18n/locale-provider";
import { ErrorBoundary } from "@/components/ui/error-boundary";
import type { UIMessage } from "@/lib/chat-client/types";
import { MessageFallback } from "../chat/message-fallback";
import { SharePageFrame } from "./share-page-frame";

// The page behind a share link (PROTOCOL.md section 13): a copy of one conversation, read only,
// with the chat's own message components (reasoning folded, tool cards, markdown, stats), and no
// history, no composer, nothing that calls the server.

export interface SharedConversationProps {
  title: string;
  createdAt: number;
  messages: UIMessage[];
  initialLocale: Locale;
}

export function SharedConversation({ initialLocale, ...share }: SharedConversationProps) {
  return (
    <LocaleProvider initialLocale={initialLocale}>
      <SharePageFrame>
        <SharedMessages {...share} />
      </SharePageFrame>
    </LocaleProvider>
  );
}

function SharedMessages({ title, createdAt, messages }: Omit<SharedConversationProps, "initialLocale">) {
  const t = useT();
  return (
    <article data-testid="shared-conversation" aria-labelledby="shared-title">
      <header className="mb-8 border-neutral-200 border-b pb-4 dark:border-neutral-800">
        <h1 id="shared-title" data-testid="shared-title" className="font-semibold text-2xl">
          {title}
        </h1>
        <p className="mt-1 text-neutral-500 text-sm dark:text-neutral-400">
          <LocalTime ms={createdAt} render={t.sharedOn} /> · {t.messageCount(messages.length)}
        </p>
      </header>
      {/* Finished answers only: formatted in the server's HTML, not after the renderer loads. */}
      <MarkdownRenderer.Provider value={Markdown}>
        <div data-testid="message-list" className="space-y-5">
          {messages.map((message) => (
            <ErrorBoundary
              key={message.id}
              resetKey={message}
              fallback={<MessageFallback message={message} />}
            >
              {message.role === "user" ? (
                <UserMessage message={message} />
              ) : (
                <AssistantMessage message={message} isLast={false} />
              )}
            </ErrorBoundary>
          ))}
        </div>
      </MarkdownRenderer.Provider>
    </article>
  );
}
