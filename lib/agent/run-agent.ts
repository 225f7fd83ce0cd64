import "server-only";
import type { ServerConfig } from "@/lib/config";
import { emptyToolSet, type ToolOutcome, type ToolSet } from "@/lib/mcp/tool-set";
import type { ChatEvent, ChatMessage, FinishReason, TokenStats, ToolResultData } from "@/lib/protocol";
import { asChatError, ChatError, errorEvent, notConfigured } from "./chat-error";
import { createProvider, type Provider } from "./provider";
import type { ProviderMessage, ProviderTool } from "./provider-messages";
import { runToolRound } from "./run-tool-round";
import { type AssembledToolCall, parseToolArguments } from "./tool-call-assembler";
import { assistantToolRound, toolCallArguments, toolResultMessage, toProviderMessages } from "./transcript";

// The agent loop: rounds of (provider stream → tool calls → MCP) until the model answers. It only
// yields protocol events and stops when `signal` aborts; it knows nothing of HTTP, so a run can be
// piped to a response, printed by the CLI, or (issue 7) outlive its connection.

export interface AgentInput {
  messages: ChatMessage[];
  thinking: boolean;
  model: string;
  signal: AbortSignal;
  /** `performance.now()` when the request arrived: timings count from there. */
  startedAt?: number;
  /** Called as each model call (round) starts: for the request log. */
  onRound?: () => void;
  /**
   * What an abort of `signal` ends in. By default nothing more is yielded (the client went away and
   * nobody is listening). A resumable run has readers that must see the end: with this set it
   * answers every open tool call and ends with `end` `{finish_reason: "cancelled"}`.
   */
  endOnAbort?: boolean;
}

export interface AgentDeps {
  config: ServerConfig;
  tools: () => Promise<ToolSet>;
  provider?: Provider;
  now?: () => number;
}

export function resolveModel(config: ServerConfig, requested: string | undefined): string {
  if (requested === undefined) return config.defaultModel;
  if (config.models.includes(requested)) return requested;
  throw new ChatError(
    "invalid_request",
    `model: '${requested}' is not offered here; choose one of ${config.models.join(", ")}`,
  );
}

const providerFinish: Record<string, FinishReason> = {
  stop: "stop",
  length: "length",
  content_filter: "content_filter",
};

export async function* runAgent(input: AgentInput, deps: AgentDeps): AsyncGenerator<ChatEvent, void> {
  const { config } = deps;
  const now = deps.now ?? (() => performance.now());
  const startedAt = input.startedAt ?? now();
  // The whole answer's time cap (below the platform's maxDuration): it stops the model and the
  // tools like a client abort does, but ends the stream with an error instead of silence.
  const deadline = AbortSignal.timeout(config.answerTimeoutMs);
  const signal = AbortSignal.any([input.signal, deadline]);
  /** Announced tool calls still waiting for their tool_result. */
  const unanswered = new Set<string>();
  const tokens: TokenStats = { prompt: 0, completion: 0, total: 0 };
  let firstByte: number | null = null;
  let toolCallCount = 0;
  let toolResultCount = 0;

  const end = (finishReason: FinishReason): ChatEvent => ({
    event: "end",
    data: {
      finish_reason: finishReason,
      stats: {
        tool_calls: toolCallCount,
        tool_results: toolResultCount,
        tokens,
        timing_ms: { first_byte: firstByte, total: Math.round(now() - startedAt) },
      },
    },
  });
  const fail = function* (error: ChatError) {
    yield errorEvent(error);
    yield end(error.finishReason);
  };
  // Every tool_call gets its tool_result (PROTOCOL.md), even when the answer ends before it runs.
  const result = (data: ToolResultData): ChatEvent => {
    unanswered.delete(data.tool_call_id);
    toolResultCount++;
    return { event: "tool_result", data };
  };
  const unrun = function* (why: string): Generator<ChatEvent> {
    for (const id of [...unanswered]) yield result({ tool_call_id: id, error: why });
  };

  yield { event: "start", data: { model: input.model, reasoning: input.thinking ? "enabled" : "disabled" } };
  if (!config.apiKey) return yield* fail(notConfigured());

  const rounds = async function* (): AsyncGenerator<ChatEvent, void> {
    const provider = deps.provider ?? createProvider(config);
    const toolSet = await deps.tools().catch((error: unknown) => {
      console.error("[agent] tools unavailable; answering without them", error);
      return emptyToolSet;
    });
    if (signal.aborted) return;
    const providerTools: ProviderTool[] = toolSet.tools.map((tool) => ({
      type: "function",
      function: { name: tool.name, description: tool.description, parameters: tool.parameters },
    }));
    const serverOf = new Map(toolSet.tools.map((tool) => [tool.name, tool.server]));
    const messages: ProviderMessage[] = toProviderMessages(input.messages, input.thinking);

    for (let toolRounds = 0; ; toolRounds++) {
      input.onRound?.();
      const mayCallTools = toolRounds < config.maxToolRounds;
      let text = "";
      let reasoning = "";
      let finish: { reason: string; calls: AssembledToolCall[] } | undefined;
      const announced = new Set<string>();
      const announce = (call: AssembledToolCall): ChatEvent => {
        announced.add(call.id);
        unanswered.add(call.id);
        toolCallCount++;
        const parsed = parseToolArguments(call.argumentsText);
        const data: Extract<ChatEvent, { event: "tool_call" }>["data"] = {
          id: call.id,
          type: "mcp",
          name: call.name,
          arguments: parsed.arguments,
        };
        const server = serverOf.get(call.name);
        if (server) data.server = server;
        if (!parsed.ok) data.raw_arguments = call.argumentsText;
        return { event: "tool_call", data };
      };

      try {
        const round = provider.streamRound({
          model: input.model,
          messages,
          tools: providerTools,
          thinking: input.thinking,
          signal,
        });
        for await (const delta of round) {
          switch (delta.type) {
            case "first_chunk":
              firstByte ??= Math.round(now() - startedAt);
              break;
            case "reasoning":
              // Thinking off means no reasoning events, whatever the provider sends.
              if (!input.thinking) break;
              reasoning += delta.text;
              yield { event: "reasoning", data: { content: delta.text } };
              break;
            case "text":
              text += delta.text;
              yield { event: "message", data: { content: delta.text } };
              break;
            case "tool_call":
              // Past the round limit the calls are never run, so they are never announced either.
              if (mayCallTools && delta.call.name) yield announce(delta.call);
              break;
            case "finish":
              if (delta.usage) addTokens(tokens, delta.usage);
              finish = { reason: delta.finishReason, calls: delta.toolCalls };
              break;
          }
        }
      } catch (error) {
        if (signal.aborted) return;
        yield* unrun("The answer stopped before this tool could run.");
        return yield* fail(asChatError(error));
      }
      if (signal.aborted || !finish) return;

      const calls = finish.calls.filter((call) => call.name);
      const reason = providerFinish[finish.reason];
      // A round cut off by the token limit or a filter ends there, even if it had begun a call.
      if (calls.length === 0 || reason === "length" || reason === "content_filter") {
        yield* unrun("The model stopped before this tool could run.");
        if (reason) return yield end(reason);
        if (finish.reason === "tool_calls") return yield end("stop");
        return yield* fail(
          finish.reason === "insufficient_system_resource"
            ? new ChatError(
                "provider_overloaded",
                "The provider ran out of capacity mid-answer; try again in a moment.",
              )
            : new ChatError(
                "provider_error",
                `The provider ended the answer unexpectedly (${finish.reason}).`,
              ),
        );
      }
      if (!mayCallTools) {
        return yield* fail(
          new ChatError(
            "tool_rounds_exceeded",
            `The model kept calling tools for ${config.maxToolRounds} rounds and was stopped (MAX_TOOL_ROUNDS). 工具调用次数过多，已停止。`,
          ),
        );
      }
      for (const call of calls) if (!announced.has(call.id)) yield announce(call);

      messages.push(
        assistantToolRound(
          text,
          reasoning,
          calls.map((call) => {
            const parsed = parseToolArguments(call.argumentsText);
            const raw = parsed.ok ? {} : { raw_arguments: call.argumentsText };
            return {
              id: call.id,
              type: "function",
              function: {
                name: call.name,
                arguments: toolCallArguments({ arguments: parsed.arguments, ...raw }),
              },
            };
          }),
          input.thinking,
        ),
      );
      const outcomes = new Map<string, ToolOutcome>();
      for await (const { id, outcome } of runToolRound(toolSet, calls, signal)) {
        if (signal.aborted) return;
        outcomes.set(id, outcome);
        yield result(
          "error" in outcome
            ? { tool_call_id: id, error: outcome.error }
            : { tool_call_id: id, result: outcome.result },
        );
      }
      for (const call of calls)
        messages.push(toolResultMessage(call.id, outcomes.get(call.id) ?? { error: "no result" }));
    }
  };
  try {
    yield* rounds();
  } catch (error) {
    // A bug past this point must still end the stream properly (error + end), never truncate it.
    if (!input.signal.aborted && !deadline.aborted) return yield* fail(asChatError(error));
  }
  if (input.signal.aborted) {
    if (!input.endOnAbort) return;
    yield* unrun("The answer was stopped before this tool finished.");
    return yield end("cancelled");
  }
  if (deadline.aborted) {
    yield* unrun("The answer ran out of time before this tool finished.");
    const seconds = Math.round(config.answerTimeoutMs / 1000);
    yield* fail(
      new ChatError(
        "answer_timeout",
        `The answer took longer than ${seconds} s and was stopped (ANSWER_TIMEOUT_MS); try a simpler question or fewer tools.`,
      ),
    );
  }
}

function addTokens(sum: TokenStats, usage: TokenStats): void {
  sum.prompt += usage.prompt;
  sum.completion += usage.completion;
  sum.total += usage.total;
  if (usage.reasoning !== undefined) sum.reasoning = (sum.reasoning ?? 0) + usage.reasoning;
  if (usage.cached !== undefined) sum.cached = (sum.cached ?? 0) + usage.cached;
}
