import "server-only";
import { finishMessage } from "@/lib/chat-client/reduce-event";
import type { UIMessage } from "@/lib/chat-client/types";
import type { ChatEvent, StartData } from "@/lib/protocol/events";
import type { RunObserver } from "@/lib/resume";
import { AnswerDraft } from "./answer-draft";
import { AnswerSaver, type AnswerTarget } from "./answer-saver";

// A stored answer's run, seen as it drains into its stream (PROTOCOL.md section 10): the events make
// the message the client would show (answer-draft.ts, through the client's own reducer), saved in
// batches: at each tool result, every 2 s while events arrive, and at the end, before the reader
// sees `end`. The detached run drains it, so it completes with no reader at all. Most events cost a
// few checks and a string append: no copy of the message, no promise, no clock.

type StartIds = Pick<StartData, "conversation_id" | "message_id" | "answer_id">;

export function recordAnswer(target: AnswerTarget, startIds: StartIds): RunObserver {
  const saver = new AnswerSaver(target);
  const draft = new AnswerDraft(target.ref.messageId, Date.now());
  let ended = false;
  /** Whether the draft holds events the database has not seen. */
  let unsaved = false;
  const save = () => {
    unsaved = false;
    const { content, parts } = draft.message();
    return saver.save({ content, parts });
  };
  // While events pause (a long tool call, a slow model), what came is still saved once it is
  // 2 s old, and the lease is renewed. Started by the first event: a run that never starts has
  // nothing to keep.
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  const beat = () => void (ended ? undefined : unsaved && saver.due ? save() : saver.heartbeat());
  return {
    see(raw) {
      if (!heartbeat) {
        heartbeat = setInterval(beat, Math.min(1_000, target.leaseMs / 3));
        heartbeat.unref();
      }
      const event: ChatEvent = raw.event === "start" ? { ...raw, data: { ...raw.data, ...startIds } } : raw;
      draft.add(event);
      unsaved = true;
      if (event.event === "end") {
        ended = true;
        return saver.finish(finalFields(draft.message()), event.data).then(() => event);
      }
      if (event.event === "tool_result" || saver.due) return save().then(() => event);
      return event;
    },
    async close() {
      clearInterval(heartbeat);
      saver.stop();
      // The run was cut short (its drain stopped): keep what it had, marked as such.
      if (!ended) await saver.finish(finalFields(finishMessage(draft.message(), "interrupted", Date.now())));
    },
  };
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
