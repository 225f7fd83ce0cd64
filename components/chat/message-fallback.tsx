"use client";

import { useT } from "@/components/i18n/locale-provider";
import type { UIMessage } from "@/lib/chat-client/types";
import { PlainTextFallback } from "./plain-text-fallback";

/**
 * A message whose view threw while rendering: its text as written. It keeps the message's test id
 * and status, so the rest of the page (counts, the last answer's state) reads it as the message.
 * Messages come back from IndexedDB unchecked, so this reads only what is really text: a fallback
 * that threw too would take the page down after all.
 */
export function MessageFallback({ message }: { message: UIMessage }) {
  const t = useT();
  const user = message.role === "user";
  return (
    <article
      data-testid={user ? "user-message" : "assistant-message"}
      data-status={message.status}
      aria-label={user ? t.you : t.assistant}
      className={user ? "ml-auto max-w-[85%] text-[0.9375rem]" : "text-[0.9375rem]"}
    >
      <PlainTextFallback text={textOf(message)} note={t.plainTextFailed} />
    </article>
  );
}

function textOf(message: UIMessage): string {
  if (typeof message.content === "string") return message.content;
  const parts: unknown[] = Array.isArray(message.parts) ? message.parts : [];
  return parts
    .map((part) => (part && typeof part === "object" && "text" in part ? part.text : undefined))
    .filter((text): text is string => typeof text === "string")
    .join("\n\n");
}
