import type { Effort } from "@/lib/protocol/effort";
import type { ToolSwitch } from "@/lib/tool-settings/tool-switch";
import { AnswerRun, type RunContext } from "./answer-run";
import { ChatTransport } from "./chat-transport";
import { conversationRef } from "./conversation-ref";
import { createId } from "./create-id";
import { type ReconnectDelay, ReconnectPolicy } from "./reconnect-policy";
import { type ScheduleFrame, throttledFrames } from "./schedule-frame";
import type { ChatStatus, ResumePoint, UIMessage, UserPart } from "./types";

// One conversation's state, outside React so it can be tested without a DOM: its messages, the
// answer running now (an AnswerRun, which reads and re-attaches it), and when listeners and the
// store hear of changes. Events are reduced into the working message at once, but listeners hear
// about it at most once per frame, and while an answer streams at most every RENDER_INTERVAL_MS:
// a long answer is thousands of events, and each notification is a React render.

export interface SendOptions {
  thinking: boolean;
  /** How hard to think while thinking is on (PROTOCOL.md section 19). */
  effort?: Effort;
  model?: string;
  /** Offer the model the web tools for this answer (PROTOCOL.md section 21). */
  search?: boolean;
  /** Servers and tools this answer goes without (PROTOCOL.md section 25). */
  toolsOff?: ToolSwitch[];
  /**
   * The server keeps the history (PROTOCOL.md section 10): the request names this conversation
   * instead of sending the messages, and regenerate and edit make siblings.
   */
  conversationId?: string;
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
  /** The wait before each re-attach; by default defaultReconnectDelay() (reconnect-policy.ts). */
  reconnectDelay?: ReconnectDelay;
  /** A resumable answer's connection silent this long (not even a ping) is dropped and re-attached. */
  stallTimeoutMs?: number;
  /**
   * The server keeps the history: leaving a conversation (setMessages, abandon) leaves its answer
   * running there, saved as it streams; only Stop stops it.
   */
  detachOnLeave?: boolean;
}

export class ChatController {
  readonly initialSnapshot: ChatSnapshot;
  private history: UIMessage[];
  private run: AnswerRun | undefined;
  private state: ChatStatus = "idle";
  private snapshot: ChatSnapshot;
  private readonly listeners = new Set<() => void>();
  private cancelFrame: (() => void) | undefined;
  private readonly scheduleFrame: ScheduleFrame;
  private readonly context: RunContext;
  private lastPersist = 0;

  constructor(private readonly options: ChatControllerOptions = {}) {
    this.scheduleFrame = options.scheduleFrame ?? throttledFrames();
    this.context = {
      transport: new ChatTransport({ endpoint: options.endpoint, fetch: options.fetch }),
      reconnect: new ReconnectPolicy({
        delay: options.reconnectDelay,
        stallTimeoutMs: options.stallTimeoutMs,
      }),
      now: () => this.now(),
      changed: (by) => (by === "event" ? this.scheduleFlush() : this.publish()),
      ended: (run, message) => this.ended(run, message),
    };
    this.history = options.initialMessages ?? [];
    this.snapshot = { messages: this.history, status: "idle" };
    this.initialSnapshot = this.snapshot;
  }

  get messages(): UIMessage[] {
    return this.run ? [...this.run.history, this.run.current] : this.history;
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

  /** `files`: the question's attachments, as POST /api/files read them (PROTOCOL.md section 20). */
  send = (text: string, options: SendOptions, files: readonly UserPart[] = []): void => {
    if (text.trim() === "" && files.length === 0) return;
    this.stop();
    const user: UIMessage = {
      id: this.id(),
      role: "user",
      content: text,
      parts: [...files],
      createdAt: this.now(),
    };
    this.start([...this.messages, user], options, true);
  };

  /** Drops the answer after the last user turn and asks again. */
  regenerate = (options: SendOptions): void => {
    this.stop();
    const messages = this.messages;
    const index = messages.findLastIndex((m) => m.role === "user");
    if (index >= 0) this.start(messages.slice(0, index + 1), options, false);
  };

  /**
   * Replaces a user turn's text, drops everything after it and asks again. With the history on the
   * server the edited turn is a new message (a sibling of the original), so it gets a new id.
   */
  edit = (messageId: string, text: string, options: SendOptions): void => {
    const index = this.messages.findIndex((m) => m.id === messageId && m.role === "user");
    const original = this.messages[index];
    if (text.trim() === "" || !original) return;
    // Stopping ends the running answer, which comes after every user turn: `index` still holds.
    this.stop();
    const id = options.conversationId === undefined ? original.id : this.id();
    this.start([...this.messages.slice(0, index), { ...original, id, content: text }], options, true);
  };

  /** Ends a running answer as stopped, here and (a resumable one) on the server, and saves it. */
  stop = (): void => this.halt(true);

  /**
   * stop() without telling onChange: the owner is going away (unmount) or switching conversations,
   * and by then its callback may already point at another conversation.
   */
  abandon = (): void => this.halt(false);

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
      this.begin(messages.slice(0, -1), { ...last, reconnecting: true }, last.resume).attach();
    }
  };

  private halt(save: boolean): void {
    const run = this.run;
    if (!run) return;
    this.run = undefined;
    const detach = !save && this.options.detachOnLeave === true;
    this.settle([...run.history, run.leave(this.now(), detach)], save);
  }

  private start(history: UIMessage[], options: SendOptions, asked: boolean): void {
    const message: UIMessage = {
      id: this.id(),
      role: "assistant",
      content: "",
      parts: [],
      createdAt: this.now(),
      status: "streaming",
    };
    const run = this.begin(history, message, undefined);
    // Saved at once, so a reload mid-answer finds the question and an interrupted answer.
    this.persist();
    const { conversationId, ...request } = options;
    const conversation =
      conversationId === undefined ? undefined : conversationRef(conversationId, history, asked, message.id);
    run.send({ ...request, conversation });
  }

  private begin(history: UIMessage[], message: UIMessage, resume: ResumePoint | undefined): AnswerRun {
    const run = new AnswerRun(history, message, resume, this.context);
    this.run = run;
    this.state = "streaming";
    this.publish();
    return run;
  }

  private ended(run: AnswerRun, message: UIMessage): void {
    if (this.run !== run) return;
    this.run = undefined;
    this.settle([...run.history, message]);
  }

  private settle(messages: UIMessage[], save = true): void {
    const status = messages.at(-1)?.status;
    this.history = messages;
    this.state =
      status === "stopped" ? "stopped" : status === "error" || status === "interrupted" ? "error" : "done";
    this.publish();
    if (save) this.persist();
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
