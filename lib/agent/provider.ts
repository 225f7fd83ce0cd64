import "server-only";
import OpenAI from "openai";
import type { ServerConfig } from "@/lib/config";
import type { TokenStats } from "@/lib/protocol";
import { ChatError } from "./chat-error";
import type { ProviderMessage, ProviderTool } from "./provider-messages";
import { ThinkTagSplitter } from "./think-tag-splitter";
import { type AssembledToolCall, ToolCallAssembler, type ToolCallFragment } from "./tool-call-assembler";

// The only module that talks to the model provider. DeepSeek's quirks (the `thinking` body flag,
// `reasoning_content`, usage on the finishing chunk, keep-alive comments) end here; the loop sees
// a provider-neutral stream of deltas.

export interface RoundRequest {
  model: string;
  messages: ProviderMessage[];
  tools: ProviderTool[];
  thinking: boolean;
  signal: AbortSignal;
}

export type RoundDelta =
  | { type: "first_chunk" }
  | { type: "reasoning"; text: string }
  | { type: "text"; text: string }
  /** A call whose arguments are complete, announced before the round ends when possible. */
  | { type: "tool_call"; call: AssembledToolCall }
  | { type: "finish"; finishReason: string; toolCalls: AssembledToolCall[]; usage: TokenStats | undefined };

export interface Provider {
  streamRound(request: RoundRequest): AsyncGenerator<RoundDelta, void>;
}

interface ChunkDelta {
  content?: string | null;
  reasoning_content?: string | null;
  reasoning?: string | null;
  tool_calls?: ToolCallFragment[] | null;
}

interface ProviderUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
  prompt_cache_hit_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
  completion_tokens_details?: { reasoning_tokens?: number } | null;
}

interface Chunk {
  choices?: { delta?: ChunkDelta | null; finish_reason?: string | null }[];
  usage?: ProviderUsage | null;
}

/** The request knobs for reasoning, kept in one place (PROVIDER.md: "off" must be sent explicitly). */
export function thinkingParams(thinking: boolean): Record<string, unknown> {
  return { thinking: { type: thinking ? "enabled" : "disabled" } };
}

export function toTokenStats(usage: ProviderUsage): TokenStats {
  const stats: TokenStats = {
    prompt: usage.prompt_tokens ?? 0,
    completion: usage.completion_tokens ?? 0,
    total: usage.total_tokens ?? (usage.prompt_tokens ?? 0) + (usage.completion_tokens ?? 0),
  };
  const reasoning = usage.completion_tokens_details?.reasoning_tokens;
  if (typeof reasoning === "number") stats.reasoning = reasoning;
  const cached = usage.prompt_cache_hit_tokens ?? usage.prompt_tokens_details?.cached_tokens;
  if (typeof cached === "number") stats.cached = cached;
  return stats;
}

export function createProvider(config: ServerConfig): Provider {
  return {
    async *streamRound(request) {
      // The SDK's `timeout` only covers the wait for headers and it skips SSE comments, so a
      // watchdog over the raw bytes (keep-alives included) catches a stream that goes silent.
      const idle = new IdleWatchdog(config.providerIdleTimeoutMs);
      const signal = AbortSignal.any([request.signal, idle.signal]);
      const client = new OpenAI({
        apiKey: config.apiKey ?? "",
        baseURL: config.baseURL,
        maxRetries: config.providerMaxRetries,
        timeout: config.providerIdleTimeoutMs,
        fetch: idle.watch(fetch),
      });
      const body = {
        model: request.model,
        messages: request.messages,
        stream: true,
        stream_options: { include_usage: true },
        ...(request.tools.length > 0 ? { tools: request.tools } : {}),
        ...thinkingParams(request.thinking),
      };
      try {
        idle.arm();
        const stream = (await client.chat.completions.create(
          body as unknown as OpenAI.ChatCompletionCreateParamsStreaming,
          { signal },
        )) as unknown as AsyncIterable<Chunk>;
        yield* readRound(stream);
      } catch (error) {
        if (request.signal.aborted) return;
        throw toChatError(error, idle.fired);
      } finally {
        idle.stop();
      }
      // The SDK ends quietly when aborted mid-stream; only the watchdog's abort is an error here.
      if (idle.fired && !request.signal.aborted) throw toChatError(undefined, true);
    },
  };
}

async function* readRound(stream: AsyncIterable<Chunk>): AsyncGenerator<RoundDelta, void> {
  const assembler = new ToolCallAssembler();
  const splitter = new ThinkTagSplitter();
  let finishReason: string | undefined;
  let usage: TokenStats | undefined;
  let first = true;
  for await (const chunk of stream) {
    if (first) {
      first = false;
      yield { type: "first_chunk" };
    }
    // DeepSeek puts usage on the finishing chunk; OpenAI on a trailing chunk without choices.
    if (chunk.usage) usage = toTokenStats(chunk.usage);
    const choice = chunk.choices?.[0];
    if (!choice) continue;
    const delta = choice.delta ?? {};
    const reasoning = delta.reasoning_content ?? delta.reasoning;
    if (reasoning) yield { type: "reasoning", text: reasoning };
    if (delta.content) {
      const split = splitter.push(delta.content);
      if (split.reasoning) yield { type: "reasoning", text: split.reasoning };
      if (split.text) yield { type: "text", text: split.text };
    }
    if (delta.tool_calls?.length) {
      for (const call of assembler.push(delta.tool_calls)) yield { type: "tool_call", call };
    }
    if (choice.finish_reason) finishReason = choice.finish_reason;
  }
  const rest = splitter.flush();
  if (rest.reasoning) yield { type: "reasoning", text: rest.reasoning };
  if (rest.text) yield { type: "text", text: rest.text };
  if (!finishReason) {
    throw new ChatError(
      "provider_incomplete",
      "The provider's stream ended before the answer was complete; try again.",
    );
  }
  for (const call of assembler.finish()) yield { type: "tool_call", call };
  yield { type: "finish", finishReason, toolCalls: assembler.all(), usage };
}

class IdleWatchdog {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  fired = false;

  constructor(private readonly ms: number) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  arm(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.fired = true;
      this.controller.abort(new Error("provider idle timeout"));
    }, this.ms);
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  /** A fetch whose response body re-arms the watchdog on every byte received. */
  watch(inner: typeof fetch): typeof fetch {
    return async (input, init) => {
      const response = await inner(input, init);
      this.arm();
      if (!response.body) return response;
      const body = response.body.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform: (chunk, controller) => {
            this.arm();
            controller.enqueue(chunk);
          },
        }),
      );
      return new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    };
  }
}

function providerMessage(error: InstanceType<typeof OpenAI.APIError>): string {
  const body = error.error as { message?: unknown } | undefined;
  const text = typeof body?.message === "string" ? body.message : "";
  // The provider's own sentence helps with a 400; anything long or key-like is not passed on.
  return text.length > 0 && text.length <= 300 ? text.replace(/sk-[A-Za-z0-9_-]+/g, "sk-…") : "";
}

export function toChatError(error: unknown, idleTimeout: boolean): ChatError {
  if (idleTimeout) {
    return new ChatError(
      "provider_timeout",
      "The model stopped sending data and the request timed out; try again.",
      504,
    );
  }
  if (error instanceof ChatError) return error;
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return new ChatError("provider_timeout", "The model provider did not answer in time; try again.", 504);
  }
  if (error instanceof OpenAI.APIConnectionError) {
    return new ChatError(
      "provider_unreachable",
      "The connection to the model provider failed or was lost; check DEEPSEEK_BASE_URL and the network, then try again.",
    );
  }
  if (error instanceof OpenAI.APIError) {
    const detail = providerMessage(error);
    switch (error.status) {
      case 401:
      case 403:
        return new ChatError(
          "invalid_api_key",
          "The provider rejected the API key (401): check DEEPSEEK_API_KEY in the server's environment.",
        );
      case 402:
        return new ChatError(
          "insufficient_balance",
          "The provider account has no balance left (402): top it up on the provider's platform.",
        );
      case 429:
        return new ChatError(
          "rate_limited",
          "The provider is rate limiting this account (429) even after retries; wait a moment and try again.",
        );
      case 503:
        return new ChatError(
          "provider_overloaded",
          "The provider is overloaded (503); try again in a moment.",
        );
      case 400:
      case 404:
      case 422:
        return new ChatError(
          "provider_rejected",
          `The provider rejected the request (${error.status})${detail ? `: ${detail}` : ""}.`,
        );
      default:
        return new ChatError(
          "provider_error",
          `The provider failed (${error.status ?? "no status"}); try again in a moment.`,
        );
    }
  }
  // A body that breaks mid-stream surfaces as a plain TypeError ("terminated") from fetch.
  if (error instanceof TypeError || (error as { name?: string })?.name === "SocketError") {
    return new ChatError(
      "provider_unreachable",
      "The connection to the model provider was lost mid-answer; try again.",
    );
  }
  console.error("[provider] unexpected error", error);
  return new ChatError("provider_error", "The request to the model provider failed; try again.");
}
