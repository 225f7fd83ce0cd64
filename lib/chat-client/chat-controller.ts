import { ProtocolError, parseSseStream } from "@/lib/protocol/sse-parser";
import { createId } from "./create-id";
import { readHttpError } from "./read-http-error";
import { finishMessage, reduceEvent } from "./reduce-event";
import { type ScheduleFrame, throttledFrames } from "./schedule-frame";
import { toRequestMessages } from "./to-request-messages";
import type { ChatStatus, ResumePoint, UIMessage } from "./types";

// One conversation's state, outside React so it can be tested without a DOM. Events are reduced
// into the working message at once, but listeners hear about it at most once per frame, and while
// an answer streams at most every RENDER_INTERVAL_MS: a long answer is thousands of events, and
// each notification is a React render.

export type { ScheduleFrame };

export interface SendOptions {
  thinking: boolean;
  model?: string;
}

export interface ChatSnapshot {
  messages: UIMessage[];
  status: ChatStatus;
}

export interface ChatControllerOptions {
  endpoint?: string;
  initialMessages?: UIMessage[];
  fetch?: typeof fetch;
  /** Persistence: a finished answer, a new turn, setMessages, and a streaming answer every `persistIntervalMs`. */
  onChange?: (messages: UIMessage[]) => void;
  persistIntervalMs?: number;
  /** When listeners hear of streamed events; by default throttledFrames() (schedule-frame.ts). */
  scheduleFrame?: ScheduleFrame;
  now?: () => number;
  createId?: () => string;
  /**
   * Waits before re-attach attempt `attempt` (0, 1, …) after a dropped connection; resolves early
   * when the browser comes back online, and false when the answer should stop trying. The default
   * backs off from 0.25 s to 10 s with jitter and gives up after RECONNECT_WINDOW_MS.
   */
  reconnectDelay?: (attempt: number, signal: AbortSignal) => Promise<boolean>;
  /** A resumable answer's connection silent this long (not even a ping) is dropped and re-attached. */
  stallTimeoutMs?: number;
}

export const CONNECTION_LOST = "The connection was lost before the answer finished.";
export const UNREACHABLE = "Could not reach the server. Check the connection and try again.";
export const MALFORMED_STREAM = "The server sent a stream this page cannot read.";
export const NOT_A_STREAM = "The server did not answer with a chat stream";
export const STREAM_EXPIRED = "The server no longer has the rest of this answer; what arrived is kept.";

/** How long a dropped answer keeps trying to re-attach: the server keeps it 10 minutes (RESUME_TTL_S). */
export const RECONNECT_WINDOW_MS = 10 * 60 * 1000;
/** Three missed pings: the connection is dead even if the socket has not said so. */
export const STALL_TIMEOUT_MS = 45_000;

interface Run {
  abort: AbortController;
  history: UIMessage[];
  message: UIMessage;
  /** Set once the server said the answer is resumable (X-Stream-Id). */
  streamId?: string;
  lastEventId: number;
}

/** How a response's events ended for the run reading them. */
type Outcome = "ended" | "lost" | "left";

export class ChatController {
  readonly initialSnapshot: ChatSnapshot;
  private history: UIMessage[];
  private run: Run | undefined;
  private state: ChatStatus = "idle";
  private snapshot: ChatSnapshot;
  private readonly listeners = new Set<() => void>();
  private cancelFrame: (() => void) | undefined;
  private readonly scheduleFrame: ScheduleFrame;
  private lastPersist = 0;

  constructor(private readonly options: ChatControllerOptions = {}) {
    this.scheduleFrame = options.scheduleFrame ?? throttledFrames();
    this.history = options.initialMessages ?? [];
    this.snapshot = { messages: this.history, status: "idle" };
    this.initialSnapshot = this.snapshot;
  }

  get messages(): UIMessage[] {
    return this.run ? [...this.run.history, withResumePoint(this.run)] : this.history;
  }

  get status(): ChatStatus {
    return this.state;
  }

  // Arrow properties: React passes these around unbound (useSyncExternalStore, event handlers).
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ChatSnapshot => this.snapshot;

  getServerSnapshot = (): ChatSnapshot => this.initialSnapshot;

  send = (text: string, options: SendOptions): void => {
    if (text.trim() === "") return;
    this.stop();
    const user: UIMessage = { id: this.id(), role: "user", content: text, parts: [], createdAt: this.now() };
    this.start([...this.messages, user], options);
  };

  /** Drops the answer after the last user turn and asks again. */
  regenerate = (options: SendOptions): void => {
    this.stop();
    const messages = this.messages;
    const index = messages.findLastIndex((m) => m.role === "user");
    if (index >= 0) this.start(messages.slice(0, index + 1), options);
  };

  /** Replaces a user turn's text, drops everything after it and asks again. */
  edit = (messageId: string, text: string, options: SendOptions): void => {
    const isTarget = (m: UIMessage) => m.id === messageId && m.role === "user";
    if (text.trim() === "" || !this.messages.some(isTarget)) return;
    this.stop();
    const messages = this.messages;
    const index = messages.findIndex(isTarget);
    const original = messages[index] as UIMessage;
    this.start([...messages.slice(0, index), { ...original, content: text }], options);
  };

  stop = (): void => {
    const run = this.run;
    if (!run) return;
    this.run = undefined;
    this.cancel(run);
    this.settle([...run.history, finishMessage(run.message, "stopped", this.now())]);
  };

  /**
   * Switches to another conversation. A running answer is abandoned, not reported to onChange
   * (it belongs to the conversation being left): call stop() first to have it saved as stopped.
   */
  setMessages = (messages: UIMessage[]): void => {
    this.abandon();
    this.history = messages;
    this.state = "idle";
    this.publish();
    this.options.onChange?.(messages);
    // A resumable answer that was still running when the page went away: pick it up again.
    const last = messages.at(-1);
    if (last?.role === "assistant" && last.status === "streaming" && last.resume) {
      this.attach(messages.slice(0, -1), last, last.resume);
    }
  };

  /**
   * Stops a running answer without telling onChange: the owner is going away (unmount) or
   * switching conversations, and by then its callback may already point at another conversation.
   */
  abandon = (): void => {
    const run = this.run;
    if (!run) return;
    this.run = undefined;
    this.cancel(run);
    this.history = [...run.history, finishMessage(run.message, "stopped", this.now())];
    this.state = "stopped";
    this.publish();
  };

  /** Aborts the run's request and, for a resumable answer, stops it on the server (DELETE). */
  private cancel(run: Run): void {
    run.abort.abort();
    if (run.streamId === undefined) return;
    // keepalive: the DELETE still goes out when Stop is the last thing before the tab closes.
    void this.fetch(this.streamUrl(run.streamId), { method: "DELETE", keepalive: true }).catch(() => {});
  }

  private start(history: UIMessage[], options: SendOptions): void {
    const message: UIMessage = {
      id: this.id(),
      role: "assistant",
      content: "",
      parts: [],
      createdAt: this.now(),
      status: "streaming",
    };
    const run: Run = { abort: new AbortController(), history, message, lastEventId: 0 };
    this.run = run;
    this.state = "streaming";
    this.publish();
    // Saved at once, so a reload mid-answer finds the question and an interrupted answer.
    this.persist();
    this.stream(run, options).catch(() =>
      this.fail(run, "error", { message: CONNECTION_LOST, code: "client_error" }),
    );
  }

  /** Follows an answer already running on the server (after a reload), from where `message` stopped. */
  private attach(history: UIMessage[], message: UIMessage, resume: ResumePoint): void {
    const run: Run = {
      abort: new AbortController(),
      history,
      message: { ...message, reconnecting: true },
      streamId: resume.streamId,
      lastEventId: resume.lastEventId,
    };
    this.run = run;
    this.state = "streaming";
    this.publish();
    this.reattach(run, true).catch(() =>
      this.fail(run, "error", { message: CONNECTION_LOST, code: "client_error" }),
    );
  }

  private async stream(run: Run, options: SendOptions): Promise<void> {
    const body: Record<string, unknown> = {
      messages: toRequestMessages(run.history),
      thinking: options.thinking,
      stream: true,
      // The answer outlives this connection: a drop or a reload re-attaches instead of losing it.
      resumable: true,
    };
    if (options.model !== undefined) body.model = options.model;
    const connection = linked(run.abort.signal);
    let response: Response;
    try {
      response = await this.fetch(this.options.endpoint ?? "/api/chat", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
        body: JSON.stringify(body),
        signal: connection.signal,
      });
    } catch {
      return this.fail(run, "interrupted", { message: UNREACHABLE, code: "connection_lost" });
    }
    if (!(await this.acceptable(run, response))) return;
    const streamId = response.headers.get("x-stream-id");
    if (streamId) run.streamId = streamId;
    if ((await this.follow(run, response.body as ReadableStream<Uint8Array>, connection)) !== "lost") return;
    if (run.streamId === undefined || this.run !== run) {
      return this.fail(run, "interrupted", { message: CONNECTION_LOST, code: "connection_lost" });
    }
    await this.reattach(run, false);
  }

  /** A response that is not a chat stream ends the run with its error; true when it is one. */
  private async acceptable(run: Run, response: Response): Promise<boolean> {
    if (!response.ok) {
      const error = await readHttpError(response);
      this.fail(run, "error", { message: error.message, code: error.code });
      return false;
    }
    const type = response.headers.get("content-type") ?? "";
    if (!response.body || !type.includes("text/event-stream")) {
      // e.g. a proxy's login page answering 200 in the app's place
      const message = `${NOT_A_STREAM} (HTTP ${response.status}, ${type || "no content type"}).`;
      this.fail(run, "error", { message, code: "not_a_stream" });
      return false;
    }
    return true;
  }

  /** Reduces a response's events into the run's message until `end`, a drop, or the run is left. */
  private async follow(
    run: Run,
    body: ReadableStream<Uint8Array>,
    connection: AbortController,
  ): Promise<Outcome> {
    // A resumable answer loses nothing by dropping a dead connection, so drop it early: when the
    // browser goes offline (the socket may linger for minutes), or when not even a ping came for
    // a while (the server pings every 15 s).
    const watch = run.streamId === undefined ? undefined : this.watch(connection);
    try {
      for await (const item of parseSseStream(body)) {
        if (this.run !== run) return "left";
        watch?.alive();
        if (item.kind !== "event") continue;
        if (item.id !== undefined) {
          // Never twice: a re-attached stream starts after the last id this message holds.
          if (item.id <= run.lastEventId) continue;
          run.lastEventId = item.id;
        }
        // (reattach clears `reconnecting` as soon as the server answers, before any event.)
        const next = reduceEvent(run.message, item.event, this.now());
        if (next === run.message) continue;
        run.message = next;
        // `end` is the answer's last word; `done` and the close that follow add nothing.
        if (item.event.event === "end") {
          this.complete(run);
          return "ended";
        }
        this.scheduleFlush();
      }
    } catch (error) {
      if (this.run !== run) return "left";
      if (error instanceof ProtocolError) {
        this.fail(run, "error", { message: MALFORMED_STREAM, code: "malformed_stream" });
        return "ended";
      }
    } finally {
      watch?.stop();
      connection.abort();
    }
    return this.run === run ? "lost" : "left";
  }

  private watch(connection: AbortController): { alive(): void; stop(): void } {
    const stallMs = this.options.stallTimeoutMs ?? STALL_TIMEOUT_MS;
    const drop = () => connection.abort();
    let timer = setTimeout(drop, stallMs);
    globalThis.addEventListener?.("offline", drop);
    return {
      alive() {
        clearTimeout(timer);
        timer = setTimeout(drop, stallMs);
      },
      stop() {
        clearTimeout(timer);
        globalThis.removeEventListener?.("offline", drop);
      },
    };
  }

  /**
   * The connection dropped (or the page reloaded) mid-answer: re-attach with Last-Event-ID, backing
   * off while the network is down, until the answer ends, the server no longer has it, or Stop.
   */
  private async reattach(run: Run, immediately: boolean): Promise<void> {
    const url = this.streamUrl(run.streamId as string);
    const wait = this.options.reconnectDelay ?? defaultReconnectDelay(Date.now());
    for (let attempt = immediately ? -1 : 0; this.run === run; attempt++) {
      if (!run.message.reconnecting) {
        run.message = { ...run.message, reconnecting: true };
        this.publish();
      }
      if (attempt >= 0) {
        if (!(await wait(attempt, run.abort.signal))) break;
        if (this.run !== run) return;
      }
      const connection = linked(run.abort.signal);
      let response: Response;
      try {
        response = await this.fetch(url, {
          headers: { Accept: "text/event-stream", "Last-Event-ID": String(run.lastEventId) },
          signal: connection.signal,
        });
      } catch {
        continue; // still offline
      }
      if (response.status === 404) {
        return this.fail(run, "interrupted", { message: STREAM_EXPIRED, code: "stream_not_found" });
      }
      if (response.status === 429 || response.status >= 500) {
        await response.body?.cancel().catch(() => {});
        continue;
      }
      if (!(await this.acceptable(run, response))) return;
      if (run.message.reconnecting) {
        run.message = { ...run.message };
        delete run.message.reconnecting;
        this.publish();
      }
      const before = run.lastEventId;
      const outcome = await this.follow(run, response.body as ReadableStream<Uint8Array>, connection);
      if (outcome !== "lost") return;
      // Events came through: the next drop starts its backoff afresh.
      if (run.lastEventId > before) attempt = -1;
    }
    this.fail(run, "interrupted", { message: CONNECTION_LOST, code: "connection_lost" });
  }

  private streamUrl(streamId: string): string {
    return `${this.options.endpoint ?? "/api/chat"}/${encodeURIComponent(streamId)}`;
  }

  private fetch(input: string, init: RequestInit): Promise<Response> {
    return (this.options.fetch ?? fetch)(input, init);
  }

  private complete(run: Run): void {
    if (this.run !== run) return;
    this.run = undefined;
    this.settle([...run.history, run.message]);
  }

  private fail(run: Run, status: "interrupted" | "error", error: { message: string; code: string }): void {
    if (this.run !== run) return; // stopped or abandoned: that path already recorded the ending
    this.run = undefined;
    this.settle([...run.history, finishMessage(run.message, status, this.now(), error)]);
  }

  private settle(messages: UIMessage[]): void {
    const last = messages.at(-1);
    const status = last?.status;
    this.history = messages;
    this.state =
      status === "stopped" ? "stopped" : status === "error" || status === "interrupted" ? "error" : "done";
    this.publish();
    this.persist();
  }

  private scheduleFlush(): void {
    if (this.cancelFrame) return;
    this.cancelFrame = this.scheduleFrame(() => {
      this.cancelFrame = undefined;
      this.publish();
      if (this.run && this.now() - this.lastPersist >= (this.options.persistIntervalMs ?? 1000)) {
        this.persist();
      }
    });
  }

  private publish(): void {
    this.cancelFrame?.();
    this.cancelFrame = undefined;
    this.snapshot = { messages: this.messages, status: this.state };
    for (const listener of this.listeners) listener();
  }

  private persist(): void {
    this.lastPersist = this.now();
    this.options.onChange?.(this.messages);
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private id(): string {
    return this.options.createId?.() ?? createId();
  }
}

/**
 * The default wait before re-attach attempt `attempt`: 0.25 s doubling to 10 s, with jitter so a
 * server that comes back is not hit by every tab at once; while the browser says it is offline,
 * until it is online again. False after RECONNECT_WINDOW_MS from `since`, or when aborted.
 */
export function defaultReconnectDelay(since: number) {
  return (attempt: number, signal: AbortSignal): Promise<boolean> => {
    if (Date.now() - since > RECONNECT_WINDOW_MS || signal.aborted) return Promise.resolve(false);
    const base = Math.min(10_000, 250 * 2 ** attempt);
    const delay = base / 2 + Math.random() * (base / 2);
    return new Promise((resolve) => {
      const offline = typeof navigator !== "undefined" && navigator.onLine === false;
      const done = (value: boolean) => {
        clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
        globalThis.removeEventListener?.("online", onOnline);
        resolve(value);
      };
      const onAbort = () => done(false);
      const onOnline = () => done(true);
      // Offline: no point knocking; wait for the browser to say the network is back (or the cap).
      const timer = setTimeout(() => done(true), offline ? Math.max(delay, 30_000) : delay);
      signal.addEventListener("abort", onAbort, { once: true });
      globalThis.addEventListener?.("online", onOnline, { once: true });
    });
  };
}

/**
 * The running answer as it is shown and saved: with its resume point, which lives on the run (the
 * last event id changes with every event) and is added here, once per snapshot, not per event.
 */
function withResumePoint(run: Run): UIMessage {
  if (run.streamId === undefined) return run.message;
  return { ...run.message, resume: { streamId: run.streamId, lastEventId: run.lastEventId } };
}

/** One connection's controller: aborted with the run, or on its own when the connection is dropped. */
function linked(signal: AbortSignal): AbortController {
  const connection = new AbortController();
  if (signal.aborted) connection.abort();
  else signal.addEventListener("abort", () => connection.abort(), { once: true });
  return connection;
}
