import type { ChatMessage } from "@/lib/protocol/request";

// A stored conversation can outgrow MAX_MESSAGES, the most messages a client may send
// (lib/protocol/request.ts). What goes to the model is then its most recent turns, cut as a client
// would have to cut its own request: at most `max` messages, the first of them a user message.
//
// The cut moves in steps of a quarter of the cap rather than by one message a turn. The provider's
// prefix cache (DeepSeek's context caching) only serves a request that begins with the same bytes as
// an earlier one: a window sliding by a turn at every question would change its first message every
// time and miss the cache on the whole history, while one that stays put for a quarter of the cap
// misses once per step and hits on every turn in between.

export function capHistory(messages: ChatMessage[], max: number): ChatMessage[] {
  if (messages.length <= max) return messages;
  const step = Math.max(1, Math.floor(max / 4));
  let start = Math.ceil((messages.length - max) / step) * step;
  // The last message is the question being answered, so there is always a user message to start at.
  while (start < messages.length - 1 && messages[start]?.role !== "user") start++;
  return messages.slice(start);
}
