import "server-only";
import { createParser } from "eventsource-parser";
import OpenAI from "openai";
import type { ServerConfig } from "@/lib/config";
import type { TokenStats } from "@/lib/protocol";
import { ChatError } from "./chat-error";
import { IdleWatchdog } from "./idle-watchdog";
import { nodeFetch, responseBody } from "./node-fetch";
import { toChatError } from "./provider-errors";
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

export interface Chunk {
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

/** One client per provider configuration: clients are cheap, but there is no reason to make one per round. */
const clients = new Map<string, OpenAI>();

function clientFor(config: ServerConfig): OpenAI {
  const key = JSON.stringify([
    config.baseURL,
    config.apiKey,
    config.providerMaxRetries,
    config.providerIdleTimeoutMs,
  ]);
  let client = clients.get(key);
  if (!client) {
    if (clients.size >= 8) clients.clear();
    client = new OpenAI({
      apiKey: config.apiKey ?? "",
      baseURL: config.baseURL,
      maxRetries: config.providerMaxRetries,
      timeout: config.providerIdleTimeoutMs,
      // Behind an outbound proxy, the global fetch: Node 24 routes it through HTTPS_PROXY when
      // NODE_USE_ENV_PROXY is set, which a hand-made node:http agent would not do.
      ...(outboundProxy() ? {} : { fetch: nodeFetch }),
    });
    clients.set(key, client);
  }
  return client;
}

function outboundProxy(): boolean {
  const env = process.env;
  return Boolean(env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy);
}

export function createProvider(config: ServerConfig): Provider {
  return {
    async *streamRound(request) {
      const idle = new IdleWatchdog(config.providerIdleTimeoutMs);
      const signal = AbortSignal.any([request.signal, idle.signal]);
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
        // The SDK makes the request: headers, retries before the first byte, HTTP errors as
        // APIErrors. The body is read here, not through the SDK's stream: its iterator's layers
        // cost more CPU than the rest of the relay (issue 6's benchmark).
        const response = await clientFor(config)
          .chat.completions.create(body as unknown as OpenAI.ChatCompletionCreateParamsStreaming, { signal })
          .asResponse();
        yield* readRound(response, idle);
      } catch (error) {
        if (request.signal.aborted) return;
        throw toChatError(error, idle.fired, config.apiKey ? [config.apiKey] : []);
      } finally {
        idle.stop();
      }
      // A watchdog abort that ended the body quietly is still a timeout, not an answer.
      if (idle.fired && !request.signal.aborted) throw toChatError(undefined, true);
    },
  };
}

/**
 * The provider's SSE body, parsed as it comes (PROVIDER.md: `data:` lines of JSON, `: keep-alive`
 * comments while queued, `data: [DONE]` at the end). A `data` object with an `error` is the
 * provider failing mid-stream, as the SDK reports it; `failure` holds it once the chunks before it
 * have been handed out.
 */
export class ChunkReader {
  /** `[DONE]` arrived: whatever follows is not read. */
  finished = false;
  failure: unknown;
  private ready: Chunk[] = [];
  private readonly decoder = new TextDecoder();
  private readonly parser = createParser({ onEvent: (message) => this.onData(message.data) });

  constructor(private readonly headers: Headers) {}

  /** The chunks these bytes complete. */
  feed(bytes: Uint8Array): Chunk[] {
    this.parser.feed(this.decoder.decode(bytes, { stream: true }));
    const chunks = this.ready;
    this.ready = [];
    return chunks;
  }

  private onData(data: string): void {
    if (this.finished || this.failure !== undefined) return;
    if (data === "[DONE]") {
      this.finished = true;
      return;
    }
    let chunk: unknown;
    try {
      chunk = JSON.parse(data);
    } catch {
      this.failure = new ChatError(
        "provider_error",
        "The provider sent a stream this server cannot read; try again.",
      );
      return;
    }
    const error = (chunk as { error?: unknown } | null)?.error;
    if (error) {
      this.failure = new OpenAI.APIError(undefined, error as object, undefined, this.headers);
      return;
    }
    this.ready.push(chunk as Chunk);
  }
}

/**
 * One round's body as provider-neutral deltas. Bytes, chunks and deltas are handled in one loop, not
 * a generator per layer: a layer costs little when hot, but at a model's pace every chunk wakes the
 * whole chain from cold (issue 6's benchmark).
 */
export async function* readRound(response: Response, idle: IdleWatchdog): AsyncGenerator<RoundDelta, void> {
  const reader = new ChunkReader(response.headers);
  const assembler = new ToolCallAssembler();
  const splitter = new ThinkTagSplitter();
  let finishReason: string | undefined;
  let usage: TokenStats | undefined;
  let first = true;
  // Leaving the loop early closes the body and its connection, unless [DONE] has come: then the
  // connection is kept for the next round.
  for await (const bytes of responseBody(response, () => reader.finished)) {
    idle.touch();
    for (const chunk of reader.feed(bytes)) {
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
    if (reader.failure !== undefined) throw reader.failure;
    if (reader.finished) break;
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
