import "server-only";
import type { ToolDefinition, ToolSet } from "@/lib/mcp/tool-set";
import type { ChatEvent, FinishReason, TokenStats } from "@/lib/protocol";
import type { Effort } from "@/lib/protocol/effort";
import { estimateTokens } from "@/lib/protocol/token-estimate";
import type { AgentRun, Ending } from "./agent-run";
import type { ApprovalGate } from "./approval-gate";
import { asChatError, ChatError } from "./chat-error";
import { checkFits, estimateRound } from "./context-window";
import type { Provider, RoundDelta } from "./provider";
import type { ProviderMessage, ProviderTool } from "./provider-messages";
import { type ToolCall, toolCallEventData, toToolCall } from "./tool-call";
import type { AssembledToolCall } from "./tool-call-assembler";

// One model call of the loop: its reasoning, text and tool calls as events, then either the round
// whose calls are to run or how the answer ends.

/** What every round of one answer shares; `messages` grows by each round's calls and results. */
export interface RoundContext {
  provider: Provider;
  model: string;
  thinking: boolean;
  /** PROTOCOL.md section 19; absent: the provider's default. */
  effort?: Effort | undefined;
  toolSet: ToolSet;
  tools: ProviderTool[];
  serverOf: Map<string, string>;
  /** The tools whose calls need the user's approval (policy `ask`), and where such a call waits. */
  askTools: Set<string>;
  approvals?: ApprovalGate | undefined;
  /** The calls announced with approval required: each waits for its decision before it runs. */
  awaiting: Set<string>;
  /** The user allowed a call with "Always allow": stop asking for this tool (wired by the caller). */
  onAlwaysAllow?: ((tool: ToolDefinition) => void) | undefined;
  messages: ProviderMessage[];
  /** The model's context window, and what the tools' definitions take of it (estimated). */
  contextWindow: number;
  toolsTokens: number;
  /** MAX_TOOL_ROUNDS: the rounds whose calls may run. */
  maxToolRounds: number;
  onRound?: (() => void) | undefined;
  beforeRound?: ((round: number) => Promise<void>) | undefined;
  onUsage?: ((usage: TokenStats) => void) | undefined;
}

/** A round that called tools, every call announced. */
export interface Round {
  text: string;
  reasoning: string;
  calls: ToolCall[];
}

const providerFinish: Record<string, FinishReason> = {
  stop: "stop",
  length: "length",
  content_filter: "content_filter",
};

interface Streamed {
  text: string;
  reasoning: string;
  /** The provider's first chunk came: from here a cut round is billed. */
  started: boolean;
  finish: Extract<RoundDelta, { type: "finish" }> | undefined;
}

/** `toolRounds`: how many rounds have run tools before this one. */
export async function* modelRound(
  context: RoundContext,
  run: AgentRun,
  toolRounds: number,
): AsyncGenerator<ChatEvent, Round | { ending: Ending }> {
  if (toolRounds > 0 && context.beforeRound) {
    // A budget with nothing left ends the answer here, before the model is called again.
    try {
      await context.beforeRound(toolRounds);
    } catch (error) {
      return { ending: { error: asChatError(error) } };
    }
  }
  context.onRound?.();
  // Refused here with a sentence rather than by the provider with a 400 of its own.
  const promptEstimate = estimateRound(context.messages, context.toolsTokens);
  checkFits(context.model, context.contextWindow, promptEstimate);
  const mayCallTools = toolRounds < context.maxToolRounds;
  const seen = new Map<string, ToolCall>();
  // The arguments are parsed once, when the call is first seen (announced early, or at the finish);
  // the event, the transcript and the tool all read that one parse.
  const callOf = (assembled: AssembledToolCall): ToolCall => {
    const known = seen.get(assembled.id);
    if (known?.name === assembled.name && known.argumentsText === assembled.argumentsText) return known;
    const call = toToolCall(assembled);
    seen.set(call.id, call);
    return call;
  };
  const announced = new Set<string>();
  const announce = (call: ToolCall): Promise<ChatEvent> => {
    announced.add(call.id);
    return announceCall(context, run, call);
  };

  const streamed: Streamed = { text: "", reasoning: "", finish: undefined, started: false };
  try {
    for await (const delta of context.provider.streamRound({
      model: context.model,
      messages: context.messages,
      tools: context.tools,
      thinking: context.thinking,
      ...(context.effort ? { effort: context.effort } : {}),
      signal: run.signal,
    })) {
      // Past the round limit the calls are never run, so they are never announced either.
      if (delta.type === "tool_call") {
        if (mayCallTools && delta.call.name) yield await announce(callOf(delta.call));
      } else {
        const event = keep(delta, streamed, run, context);
        if (event) yield event;
      }
    }
  } catch (error) {
    countCutRound(context, run, streamed, promptEstimate);
    if (run.signal.aborted) return { ending: "stopped" };
    return { ending: { error: asChatError(error), unrun: "The answer stopped before this tool could run." } };
  }
  const { finish } = streamed;
  if (run.signal.aborted || !finish) {
    countCutRound(context, run, streamed, promptEstimate);
    return { ending: "stopped" };
  }

  const calls = finish.toolCalls.flatMap((call) => (call.name ? [callOf(call)] : []));
  const ending = roundEnding(finish.finishReason, calls.length > 0);
  if (ending) return { ending };
  if (!mayCallTools) return { ending: { error: toolRoundsExceeded(context.maxToolRounds) } };
  for (const call of calls) if (!announced.has(call.id)) yield await announce(call);
  return { text: streamed.text, reasoning: streamed.reasoning, calls };
}

/**
 * A call's `tool_call` event. An `ask` tool's call in an answer that can wait (PROTOCOL.md section
 * 24) is pending in the gate before its event goes out, so a decision sent on seeing the event
 * always finds it; a call whose arguments do not parse never runs, so it asks nothing.
 */
async function announceCall(context: RoundContext, run: AgentRun, call: ToolCall): Promise<ChatEvent> {
  const data = toolCallEventData(call, context.serverOf.get(call.name));
  if (context.approvals && call.parsed.ok && context.askTools.has(call.name)) {
    await context.approvals.open(call.id);
    context.awaiting.add(call.id);
    data.approval = "required";
  }
  return run.toolCall(data);
}

/** Keeps a delta's part of the round; the event it makes, if any. */
function keep(
  delta: Exclude<RoundDelta, { type: "tool_call" }>,
  streamed: Streamed,
  run: AgentRun,
  context: RoundContext,
): ChatEvent | undefined {
  switch (delta.type) {
    case "first_chunk":
      run.firstChunk();
      streamed.started = true;
      return undefined;
    case "reasoning":
      // Thinking off means no reasoning events, whatever the provider sends.
      if (!context.thinking) return undefined;
      streamed.reasoning += delta.text;
      return { event: "reasoning", data: { content: delta.text } };
    case "text":
      streamed.text += delta.text;
      return { event: "message", data: { content: delta.text } };
    case "finish":
      if (delta.usage) {
        run.addUsage(delta.usage);
        context.onUsage?.(delta.usage);
      }
      streamed.finish = delta;
      return undefined;
  }
}

/**
 * A round cut off before the provider's usage came (the client went away, the stream broke) is
 * billed all the same: it counts at an estimate (PROTOCOL.md section 17), in `end`'s stats, the
 * ledger and the budget, every prompt token a cache miss. A round the provider never answered counts
 * nothing.
 */
function countCutRound(context: RoundContext, run: AgentRun, streamed: Streamed, prompt: number): void {
  if (!streamed.started || streamed.finish) return;
  const completion = estimateTokens(streamed.reasoning + streamed.text);
  const usage = { prompt, completion, total: prompt + completion };
  run.addUsage(usage);
  context.onUsage?.(usage);
}

/** How a finished round ends the answer, or undefined when it called tools to run. */
function roundEnding(finishReason: string, calledTools: boolean): Ending | undefined {
  const reason = providerFinish[finishReason];
  // A round cut off by the token limit or a filter ends there, even if it had begun a call.
  if (calledTools && reason !== "length" && reason !== "content_filter") return undefined;
  const unrun = "The model stopped before this tool could run.";
  if (reason) return { finish: reason, unrun };
  if (finishReason === "tool_calls") return { finish: "stop", unrun };
  const error =
    finishReason === "insufficient_system_resource"
      ? new ChatError(
          "provider_overloaded",
          "The provider ran out of capacity mid-answer; try again in a moment.",
        )
      : new ChatError("provider_error", `The provider ended the answer unexpectedly (${finishReason}).`);
  return { error, unrun };
}

function toolRoundsExceeded(maxToolRounds: number): ChatError {
  return new ChatError(
    "tool_rounds_exceeded",
    `The model kept calling tools for ${maxToolRounds} rounds and was stopped (MAX_TOOL_ROUNDS). 工具调用次数过多，已停止。`,
  );
}
