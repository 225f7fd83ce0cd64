import { estimateTokens, IMAGE_TOKENS } from "@/lib/protocol/token-estimate";
import { isReadableStats } from "./readable-stats";
import type { UIMessage } from "./types";

// How much of the model's window the open conversation takes before the next question (PROTOCOL.md
// section 19): what the last finished answer's last round read and wrote (`context_tokens`, the
// provider's own count), plus an estimate of what was said after it. An answer still streaming is
// left out, so the figure holds still while it streams instead of re-rendering the composer with
// every chunk.

const PER_MESSAGE = 4;

/** `readsImages`: the chosen model reads images, so a question's images count (IMAGE_TOKENS each). */
export function conversationContext(messages: readonly UIMessage[], readsImages = true): number {
  let after = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (!message) continue;
    const stats = message.role === "assistant" ? message.stats : undefined;
    if (isReadableStats(stats)) {
      const context = typeof stats.context_tokens === "number" ? stats.context_tokens : undefined;
      return after + (context ?? stats.tokens.prompt + stats.tokens.completion);
    }
    if (message.status === "streaming") continue;
    after += PER_MESSAGE + estimateTokens(message.content);
    // A question's files reach the model as blocks of their text (PROTOCOL.md section 20).
    for (const part of message.parts) {
      if (part.type === "file") after += estimateTokens(part.name + part.text) + 10;
      else if (part.type === "image" && readsImages) after += IMAGE_TOKENS;
    }
  }
  return after;
}
