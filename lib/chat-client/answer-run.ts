import { ProtocolError, type SseItem } from "@/lib/protocol/sse-parser";
import type { ChatRequest, ChatTransport } from "./chat-transport";
import type { ReconnectPolicy } from "./reconnect-policy";
import { finishMessage, reduceEvent } from "./reduce-event";
import type { ResumePoint, UIMessage } from "./types";

// One answer, from its request to its ending: reads its events into its message, re-attaches after
// a dropped connection, and tells its owner (the ChatController) when the message changed and how
// it ended. Once the owner leaves it (Stop, another conversation), nothing it reads lands anywhere.

export const CONNECTION_LOST = "The connection was lost before the answer finished.";
export const UNREACHABLE = "Could not reach the server. Check the connection and try again.";
export const MALFORMED_STREAM = "The server sent a stream this page cannot read.";
export const STREAM_EXPIRED = "The server no longer has the rest of this answer; what arrived is kept.";

const LOST = { message: CONNECTION_LOST, code: "connection_lost" };

export interface RunContext {
  transport: ChatTransport;
  reconnect: ReconnectPolicy;
  now(): number;
  /** The message changed: by a streamed event (shown by a coming frame) or otherwise (shown now). */
  changed(by: "event" | "connection"): void;
  /** The answer ended by itself (`end`, an error, a connection given up on), as `message`. */
  ended(run: AnswerRun, message: UIMessage): void;
}

/** How a response's events ended for the run reading them. */
type Outcome = "ended" | "lost" | "left";

export class AnswerRun {
  private readonly abort = new AbortController();
  private live = true;
  /** Set once the server said the answer is resumable (X-Stream-Id). */
  private streamId: string | undefined;
  private lastEventId: number;

  constructor(
    readonly history: UIMessage[],
    private message: UIMessage,
    resume: ResumePoint | undefined,
    private readonly context: RunContext,
  ) {
    this.streamId = resume?.streamId;
    this.lastEventId = resume?.lastEventId ?? 0;
  }

  /**
   * The answer as it is shown and saved: with its resume point, which lives here (the last event
   * id changes with every event) and is added once per snapshot, not per event.
   */
  get current(): UIMessage {
    if (this.streamId === undefined) return this.message;
    return { ...this.message, resume: { streamId: this.streamId, lastEventId: this.lastEventId } };
  }

  /** Asks for the answer to `history` and follows it to its end. */
  send(options: Omit<ChatRequest, "messages">): void {
    this.guard(this.stream({ ...options, messages: this.history }));
  }

  /** Follows an answer already running on the server (after a reload), from where it stopped. */
  attach(): void {
    if (this.streamId !== undefined) this.guard(this.reattach(this.streamId, true));
  }

  /**
   * Stops reading, and (unless `detach`: the server keeps the history and finishes the answer on
   * its own) a resumable answer on the server; returns the message, ended as stopped.
   */
  leave(now: number, detach = false): UIMessage {
    this.live = false;
    this.abort.abort();
    if (this.streamId !== undefined && !detach) this.context.transport.cancel(this.streamId);
    return finishMessage(this.message, "stopped", now);
  }

  private guard(work: Promise<void>): void {
    work.catch(() => this.fail("error", { message: CONNECTION_LOST, code: "client_error" }));
  }

  private async stream(request: ChatRequest): Promise<void> {
    const connection = linked(this.abort.signal);
    const sent = await this.context.transport.send(request, connection.signal);
    if (sent.kind === "unreachable") {
      return this.fail("interrupted", { message: UNREACHABLE, code: "connection_lost" });
    }
    if (sent.kind === "rejected") return this.fail("error", sent.error);
    const streamId = sent.streamId;
    this.streamId = streamId;
    if ((await this.follow(sent.events, connection)) !== "lost") return;
    if (streamId === undefined || !this.live) return this.fail("interrupted", LOST);
    await this.reattach(streamId, false);
  }

  /**
   * The connection dropped (or the page reloaded) mid-answer: re-attach with Last-Event-ID, backing
   * off while the network is down, until the answer ends, the server no longer has it, or Stop.
   */
  private async reattach(streamId: string, immediately: boolean): Promise<void> {
    const backoff = this.context.reconnect.backoff(immediately);
    while (this.live) {
      this.showReconnecting(true);
      if (!(await backoff.next(this.abort.signal))) break;
      if (!this.live) return;
      const connection = linked(this.abort.signal);
      const resumed = await this.context.transport.resume(streamId, this.lastEventId, connection.signal);
      if (resumed.kind === "unreachable" || resumed.kind === "busy") continue; // offline, or try later
      if (resumed.kind === "expired") {
        return this.fail("interrupted", { message: STREAM_EXPIRED, code: "stream_not_found" });
      }
      if (resumed.kind === "rejected") return this.fail("error", resumed.error);
      this.showReconnecting(false);
      // From the first event: the stream replays the whole answer, over what was saved of it.
      if (this.lastEventId === 0) this.message = { ...this.message, content: "", parts: [] };
      const before = this.lastEventId;
      if ((await this.follow(resumed.events, connection)) !== "lost") return;
      if (this.lastEventId > before) backoff.progressed();
    }
    this.fail("interrupted", LOST);
  }

  /** Reduces a response's events into the message until `end`, a drop, or the run is left. */
  private async follow(events: AsyncIterable<SseItem>, connection: AbortController): Promise<Outcome> {
    const watch = this.streamId === undefined ? undefined : this.context.reconnect.watch(connection);
    try {
      for await (const item of events) {
        if (!this.live) return "left";
        watch?.alive();
        if (item.kind !== "event") continue;
        if (item.id !== undefined) {
          // Never twice: a re-attached stream starts after the last id this message holds.
          if (item.id <= this.lastEventId) continue;
          this.lastEventId = item.id;
        }
        // (reattach clears `reconnecting` as soon as the server answers, before any event.)
        const next = reduceEvent(this.message, item.event, this.context.now());
        if (next === this.message) continue;
        this.message = next;
        // `end` is the answer's last word; `done` and the close that follow add nothing.
        if (item.event.event === "end") {
          this.end(next);
          return "ended";
        }
        this.context.changed("event");
      }
    } catch (error) {
      if (!this.live) return "left";
      if (error instanceof ProtocolError) {
        this.fail("error", { message: MALFORMED_STREAM, code: "malformed_stream" });
        return "ended";
      }
    } finally {
      watch?.stop();
      connection.abort();
    }
    return this.live ? "lost" : "left";
  }

  /** Shows (or takes away) "reconnecting…" on the answer. */
  private showReconnecting(reconnecting: boolean): void {
    if (Boolean(this.message.reconnecting) === reconnecting) return;
    this.message = { ...this.message };
    if (reconnecting) this.message.reconnecting = true;
    else delete this.message.reconnecting;
    this.context.changed("connection");
  }

  private fail(status: "interrupted" | "error", error: { message: string; code: string }): void {
    // Left (Stop, another conversation): that path already recorded the ending.
    if (this.live) this.end(finishMessage(this.message, status, this.context.now(), error));
  }

  private end(message: UIMessage): void {
    if (!this.live) return;
    this.live = false;
    this.context.ended(this, message);
  }
}

/** One connection's controller: aborted with the run, or on its own when the connection is dropped. */
function linked(signal: AbortSignal): AbortController {
  const connection = new AbortController();
  if (signal.aborted) connection.abort();
  else signal.addEventListener("abort", () => connection.abort(), { once: true });
  return connection;
}
