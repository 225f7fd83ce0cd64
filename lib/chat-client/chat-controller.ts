import { ProtocolError, parseChatEvents } from "@/lib/protocol/sse-parser";
import { createId } from "./create-id";
import { readHttpError } from "./read-http-error";
import { finishMessage, reduceEvent } from "./reduce-event";
import { type ScheduleFrame, scheduleFrame } from "./schedule-frame";
import { toRequestMessages } from "./to-request-messages";
import type { ChatStatus, UIMessage } from "./types";

// One conversation's state, outside React so it can be tested without a DOM. Events are reduced
// into the working message at once, but listeners hear about it at most once per frame: a long
// answer is thousands of events, and each notification is a React render.

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
  scheduleFrame?: ScheduleFrame;
  now?: () => number;
  createId?: () => string;
}

export const CONNECTION_LOST = "The connection was lost before the answer finished.";
export const UNREACHABLE = "Could not reach the server. Check the connection and try again.";
export const MALFORMED_STREAM = "The server sent a stream this page cannot read.";
export const NOT_A_STREAM = "The server did not answer with a chat stream";

interface Run {
  abort: AbortController;
  history: UIMessage[];
  message: UIMessage;
}

export class ChatController {
  readonly initialSnapshot: ChatSnapshot;
  private history: UIMessage[];
  private run: Run | undefined;
  private state: ChatStatus = "idle";
  private snapshot: ChatSnapshot;
  private readonly listeners = new Set<() => void>();
  private cancelFrame: (() => void) | undefined;
  private lastPersist = 0;

  constructor(private readonly options: ChatControllerOptions = {}) {
    this.history = options.initialMessages ?? [];
    this.snapshot = { messages: this.history, status: "idle" };
    this.initialSnapshot = this.snapshot;
  }

  get messages(): UIMessage[] {
    return this.run ? [...this.run.history, this.run.message] : this.history;
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
    run.abort.abort();
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
  };

  /**
   * Stops a running answer without telling onChange: the owner is going away (unmount) or
   * switching conversations, and by then its callback may already point at another conversation.
   */
  abandon = (): void => {
    const run = this.run;
    if (!run) return;
    this.run = undefined;
    run.abort.abort();
    this.history = [...run.history, finishMessage(run.message, "stopped", this.now())];
    this.state = "stopped";
    this.publish();
  };

  private start(history: UIMessage[], options: SendOptions): void {
    const message: UIMessage = {
      id: this.id(),
      role: "assistant",
      content: "",
      parts: [],
      createdAt: this.now(),
      status: "streaming",
    };
    const run: Run = { abort: new AbortController(), history, message };
    this.run = run;
    this.state = "streaming";
    this.publish();
    // Saved at once, so a reload mid-answer finds the question and an interrupted answer.
    this.persist();
    this.stream(run, options).catch(() =>
      this.fail(run, "error", { message: CONNECTION_LOST, code: "client_error" }),
    );
  }

  private async stream(run: Run, options: SendOptions): Promise<void> {
    const body: Record<string, unknown> = {
      messages: toRequestMessages(run.history),
      thinking: options.thinking,
      stream: true,
    };
    if (options.model !== undefined) body.model = options.model;
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(this.options.endpoint ?? "/api/chat", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
        body: JSON.stringify(body),
        signal: run.abort.signal,
      });
    } catch {
      return this.fail(run, "interrupted", { message: UNREACHABLE, code: "connection_lost" });
    }
    if (!response.ok) {
      const error = await readHttpError(response);
      return this.fail(run, "error", { message: error.message, code: error.code });
    }
    const type = response.headers.get("content-type") ?? "";
    if (!response.body || !type.includes("text/event-stream")) {
      // e.g. a proxy's login page answering 200 in the app's place
      const message = `${NOT_A_STREAM} (HTTP ${response.status}, ${type || "no content type"}).`;
      return this.fail(run, "error", { message, code: "not_a_stream" });
    }
    try {
      for await (const event of parseChatEvents(response.body)) {
        if (this.run !== run) return;
        const next = reduceEvent(run.message, event, this.now());
        if (next === run.message) continue;
        run.message = next;
        // `end` is the answer's last word; `done` and the close that follow add nothing.
        if (event.event === "end") return this.complete(run);
        this.scheduleFlush();
      }
    } catch (error) {
      if (error instanceof ProtocolError) {
        return this.fail(run, "error", { message: MALFORMED_STREAM, code: "malformed_stream" });
      }
    }
    this.fail(run, "interrupted", { message: CONNECTION_LOST, code: "connection_lost" });
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
    this.cancelFrame = (this.options.scheduleFrame ?? scheduleFrame)(() => {
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
