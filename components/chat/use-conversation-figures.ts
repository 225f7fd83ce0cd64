import { useMemo } from "react";
import { conversationContext } from "@/lib/chat-client/context-usage";
import { conversationSpend } from "@/lib/chat-client/conversation-spend";
import type { ChatPersistence } from "./chat-persistence";

/**
 * The open conversation's figures: what it takes of the model's window (for the composer's gauge)
 * and what its answers cost (for the header). Both memoised on the messages; the gauge's value is a
 * number that holds still while an answer streams, so the memoised composer is not re-rendered.
 */
export function useConversationFigures(
  { chat: { messages }, tree }: Pick<ChatPersistence, "chat" | "tree">,
  contextWindow: number | undefined,
  readsImages: boolean,
) {
  const used = useMemo(() => conversationContext(messages, readsImages), [messages, readsImages]);
  const context = useMemo(
    () => (contextWindow ? { used, window: contextWindow } : undefined),
    [used, contextWindow],
  );
  const spend = useMemo(() => conversationSpend(messages, tree), [messages, tree]);
  return { context, spend };
}
