import { addCost, cacheHitShare } from "@/lib/cost/answer-cost";
import type {
  ChatEvent,
  CostData,
  FinishReason,
  TokenStats,
  ToolCallData,
  ToolResultData,
} from "@/lib/protocol";
import { ChatError, errorEvent } from "./chat-error";
import { PausableDeadline } from "./pausable-deadline";

/**
 * On Vercel the function ends at the chat route's maxDuration (300 s, app/api/chat/route.ts) even
 * while the cap is paused: a wait for approval ends this long before, so the answer can still close.
 */
export const PLATFORM_MAX_DURATION_MS = 300_000;
export const PLATFORM_END_MARGIN_MS = 20_000;

/**
 * How an answer ends (PROTOCOL.md: `[error] end`): with a finish reason, with an error, or
 * "stopped" by an abort or the time cap, which the signals tell apart. `unrun` answers the tool
 * calls still waiting for a result first, with that sentence.
 */
export type Ending =
  | { finish: FinishReason; unrun?: string }
  | { error: ChatError; unrun?: string }
  | "stopped";

interface RunOptions {
  /** The client's (or the stream's) abort. */
  abort: AbortSignal;
  answerTimeoutMs: number;
  endOnAbort: boolean;
  now: () => number;
  startedAt: number;
  /** APPROVAL_TIMEOUT_MS: the longest a call waits for the user (PROTOCOL.md section 24). */
  approvalTimeoutMs?: number | undefined;
  /** On Vercel (env VERCEL): waits end before the platform's maxDuration does. */
  platformCapped?: boolean | undefined;
  /** One round's cost at the moment it ended; undefined for a model with no known price. */
  price?: ((tokens: TokenStats) => CostData | undefined) | undefined;
}

/** One answer's running state: what its `end` reports, and the tool calls still owed a result. */
export class AgentRun {
  /** Stops the model and the tools: the client's abort or the answer's time cap. */
  readonly signal: AbortSignal;
  private readonly deadline: PausableDeadline;
  private readonly unanswered = new Set<string>();
  private readonly tokens: TokenStats = { prompt: 0, completion: 0, total: 0 };
  private cost: CostData | undefined;
  private contextTokens: number | undefined;
  private firstByte: number | null = null;
  private toolCalls = 0;
  private toolResults = 0;

  constructor(private readonly options: RunOptions) {
    // The whole answer's time cap (below the platform's maxDuration): it stops the model and the
    // tools like a client abort does, but ends the stream with an error instead of silence.
    this.deadline = new PausableDeadline(options.answerTimeoutMs);
    this.signal = AbortSignal.any([options.abort, this.deadline.signal]);
  }

  /** How long a call may wait for the user now: the approval timeout, within the platform's limit. */
  approvalWaitMs(): number {
    const timeout = this.options.approvalTimeoutMs ?? 0;
    if (!this.options.platformCapped) return timeout;
    const left = PLATFORM_MAX_DURATION_MS - this.elapsed() - PLATFORM_END_MARGIN_MS;
    return Math.max(0, Math.min(timeout, left));
  }

  /** Waits for the user with the answer's time cap paused (a cancel still stops it at once). */
  async waitForUser<T>(waiting: Promise<T>): Promise<T> {
    this.deadline.pause();
    try {
      return await waiting;
    } finally {
      this.deadline.resume();
    }
  }

  firstChunk(): void {
    this.firstByte ??= this.elapsed();
  }

  addUsage(usage: TokenStats): void {
    const sum = this.tokens;
    sum.prompt += usage.prompt;
    sum.completion += usage.completion;
    sum.total += usage.total;
    if (usage.reasoning !== undefined) sum.reasoning = (sum.reasoning ?? 0) + usage.reasoning;
    if (usage.cached !== undefined) sum.cached = (sum.cached ?? 0) + usage.cached;
    // What the conversation now holds: the last round read the rest, and wrote this.
    this.contextTokens = usage.prompt + usage.completion;
    // Each round at its own moment's rates: a long answer may cross into peak hours.
    const cost = this.options.price?.(usage);
    if (cost) this.cost = addCost(this.cost, cost);
  }

  toolCall(data: ToolCallData): ChatEvent {
    this.unanswered.add(data.id);
    this.toolCalls++;
    return { event: "tool_call", data };
  }

  // Every tool_call gets its tool_result (PROTOCOL.md), even when the answer ends before it runs.
  toolResult(data: ToolResultData): ChatEvent {
    this.unanswered.delete(data.tool_call_id);
    this.toolResults++;
    return { event: "tool_result", data };
  }

  /** The events that close the answer. */
  *close(ending: Ending): Generator<ChatEvent, void> {
    if (ending === "stopped") return yield* this.stopped();
    if (ending.unrun) yield* this.unrun(ending.unrun);
    if ("error" in ending) yield errorEvent(ending.error);
    yield this.end("error" in ending ? ending.error.finishReason : ending.finish);
  }

  /** A client that went away hears nothing more, unless readers of a resumable run must see the end. */
  private *stopped(): Generator<ChatEvent, void> {
    if (this.options.abort.aborted) {
      if (!this.options.endOnAbort) return;
      return yield* this.close({
        finish: "cancelled",
        unrun: "The answer was stopped before this tool finished.",
      });
    }
    if (!this.deadline.signal.aborted) return;
    const seconds = Math.round(this.options.answerTimeoutMs / 1000);
    yield* this.close({
      error: new ChatError(
        "answer_timeout",
        `The answer took longer than ${seconds} s and was stopped (ANSWER_TIMEOUT_MS); try a simpler question or fewer tools.`,
      ),
      unrun: "The answer ran out of time before this tool finished.",
    });
  }

  private *unrun(why: string): Generator<ChatEvent, void> {
    for (const id of [...this.unanswered]) yield this.toolResult({ tool_call_id: id, error: why });
  }

  private end(finishReason: FinishReason): ChatEvent {
    const share = cacheHitShare(this.tokens);
    return {
      event: "end",
      data: {
        finish_reason: finishReason,
        stats: {
          tool_calls: this.toolCalls,
          tool_results: this.toolResults,
          tokens: this.tokens,
          timing_ms: { first_byte: this.firstByte, total: this.elapsed() },
          ...(this.cost ? { cost: this.cost } : {}),
          ...(share === undefined ? {} : { cache_hit_share: share }),
          ...(this.contextTokens === undefined ? {} : { context_tokens: this.contextTokens }),
        },
      },
    };
  }

  private elapsed(): number {
    return Math.round(this.options.now() - this.options.startedAt);
  }
}
