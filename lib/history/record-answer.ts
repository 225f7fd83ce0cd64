import "server-only";
import { finishMessage, reduceEvent } from "@/lib/chat-client/reduce-event";
import type { UIMessage } from "@/lib/chat-client/types";
import type { ChatEvent, StartData } from "@/lib/protocol/events";
import { AnswerSaver, type AnswerTarget } from "./answer-saver";

// A stored answer's run, as a pass-through of its events (PROTOCOL.md section 10): each event is
// reduced into the message the client would show (the client's own pure reducer), and saved in
// batches: at each tool result, every 2 s while events arrive, and at the end, before the reader
// sees `end`. The detached run drains it, so it completes with no reader at all.

type StartIds = Pick<StartData, "conversation_id" | "message_id" | "answer_id">;

export async function* recordAnswer(
  events: AsyncGenerator<ChatEvent, void>,
  target: AnswerTarget,
  startIds: StartIds,
): AsyncGenerator<ChatEvent, void> {
  const saver = new AnswerSaver(target);
  let message: UIMessage = {
    id: target.ref.messageId,
    role: "assistant",
    content: "",
    parts: [],
    createdAt: Date.now(),
    status: "streaming",
  };
  let ended = false;
  /** Whether `message` holds events the database has not seen. */
  let unsaved = false;
  const save = () => {
    unsaved = false;
    return saver.save({ content: message.content, parts: message.parts });
  };
  // While events pause (a long tool call, a slow model), what came is still saved once it is
  // 2 s old, and the lease is renewed.
  const beat = () => void (ended ? undefined : unsaved && saver.due() ? save() : saver.heartbeat());
  const heartbeat = setInterval(beat, Math.min(1_000, target.leaseMs / 3));
  heartbeat.unref();
  try {
    for await (const raw of events) {
      const event: ChatEvent = raw.event === "start" ? { ...raw, data: { ...raw.data, ...startIds } } : raw;
      message = reduceEvent(message, event, Date.now());
      unsaved = true;
      if (event.event === "end") {
        ended = true;
        await saver.finish(finalFields(message), event.data);
      } else if (event.event === "tool_result" || saver.due()) {
        await save();
      }
      yield event;
    }
  } finally {
    clearInterval(heartbeat);
    // The run was cut short (its drain stopped): keep what it had, marked as such.
    if (!ended) await saver.finish(finalFields(finishMessage(message, "interrupted", Date.now())));
  }
}

function finalFields(message: UIMessage) {
  return {
    content: message.content,
    parts: message.parts,
    status: message.status === "streaming" || message.status === undefined ? "interrupted" : message.status,
    ...(message.stats ? { stats: message.stats } : {}),
    ...(message.finishReason ? { finishReason: message.finishReason } : {}),
    ...(message.error ? { error: message.error } : {}),
  } as const;
}
