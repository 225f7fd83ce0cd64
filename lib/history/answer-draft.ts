import "server-only";
import { reduceEvent } from "@/lib/chat-client/reduce-event";
import type { UIMessage } from "@/lib/chat-client/types";
import type { ChatEvent } from "@/lib/protocol/events";

// A stored answer as it streams, reduced only when it is read (at a save), not at every event. The
// client's reducer copies the message, its parts and the growing part for each of the hundreds of
// deltas of an answer (so that React sees what changed); here a run of deltas of one kind waits as
// text, and goes through the same reducer as one delta, stamped with the time its first one came.
// That gives the message the reducer would have made event by event: appending `a` then `b` to a
// part is appending `ab`, and only a run's first delta opens a part or closes the reasoning.

type Delta = Extract<ChatEvent, { event: "reasoning" | "message" }>;

export class AnswerDraft {
  private reduced: UIMessage;
  /** The run of deltas not reduced yet: its kind, its text so far, and when it began. */
  private pending: { event: Delta["event"]; content: string; at: number } | undefined;

  constructor(id: string, now: number) {
    this.reduced = { id, role: "assistant", content: "", parts: [], createdAt: now, status: "streaming" };
  }

  add(event: ChatEvent, now: () => number = Date.now): void {
    if (event.event === "reasoning" || event.event === "message") {
      if (this.pending?.event === event.event) {
        this.pending.content += event.data.content;
        return;
      }
      this.flush();
      this.pending = { event: event.event, content: event.data.content, at: now() };
      return;
    }
    this.flush();
    this.reduced = reduceEvent(this.reduced, event, now());
  }

  /** The message as the client's reducer would have it after every event added. */
  message(): UIMessage {
    this.flush();
    return this.reduced;
  }

  private flush(): void {
    const run = this.pending;
    if (!run) return;
    this.pending = undefined;
    const delta: Delta = { event: run.event, data: { content: run.content } };
    this.reduced = reduceEvent(this.reduced, delta, run.at);
  }
}
