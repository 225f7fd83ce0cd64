import "server-only";
import type { TokenStats } from "@/lib/protocol";
import { ChatError } from "./chat-error";
import { ChunkReader, type ProviderUsage } from "./chunk-reader";
import { ThinkTagSplitter } from "./think-tag-splitter";
import { type AssembledToolCall, ToolCallAssembler } from "./tool-call-assembler";

// One round's body as provider-neutral deltas: DeepSeek's quirks (docs/PROVIDER.md sections 3 and
// 4: `reasoning_content`, usage on the finishing chunk, keep-alive comments) end here. Pure: bytes
// in, deltas out; reading the body, and the watchdog on it, are provider.ts's.

export type RoundDelta =
  | { type: "first_chunk" }
  | { type: "reasoning"; text: string }
  | { type: "text"; text: string }
  /** A call whose arguments are complete, announced before the round ends when possible. */
  | { type: "tool_call"; call: AssembledToolCall }
  | { type: "finish"; finishReason: string; toolCalls: AssembledToolCall[]; usage: TokenStats | undefined };

function toTokenStats(usage: ProviderUsage): TokenStats {
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

/**
 * Bytes, chunks and deltas are handled in one pass, not an async generator per layer: a layer
 * costs little when hot, but at a model's pace every chunk wakes the whole chain from cold (the
 * relay benchmark, `npm run bench`). `feed` and `end` are synchronous generators, run to the end
 * within the body's one loop.
 */
export class RoundParser {
  private readonly reader: ChunkReader;
  private readonly assembler = new ToolCallAssembler();
  private readonly splitter = new ThinkTagSplitter();
  private finishReason: string | undefined;
  private usage: TokenStats | undefined;
  private first = true;

  /** `headers`: the response's, which an error object in the stream is reported with. */
  constructor(headers: Headers) {
    this.reader = new ChunkReader(headers);
  }

  /** `[DONE]` arrived: the round is over whether or not more bytes follow. */
  get finished(): boolean {
    return this.reader.finished;
  }

  /** The deltas these bytes complete; throws what the provider failed with after the ones before it. */
  *feed(bytes: Uint8Array): Generator<RoundDelta, void> {
    for (const chunk of this.reader.feed(bytes)) {
      if (this.first) {
        this.first = false;
        yield { type: "first_chunk" };
      }
      // DeepSeek puts usage on the finishing chunk; OpenAI on a trailing chunk without choices.
      if (chunk.usage) this.usage = toTokenStats(chunk.usage);
      const choice = chunk.choices?.[0];
      if (!choice) continue;
      const delta = choice.delta ?? {};
      const reasoning = delta.reasoning_content ?? delta.reasoning;
      if (reasoning) yield { type: "reasoning", text: reasoning };
      if (delta.content) {
        const split = this.splitter.push(delta.content);
        if (split.reasoning) yield { type: "reasoning", text: split.reasoning };
        if (split.text) yield { type: "text", text: split.text };
      }
      if (delta.tool_calls?.length) {
        for (const call of this.assembler.push(delta.tool_calls)) yield { type: "tool_call", call };
      }
      if (choice.finish_reason) this.finishReason = choice.finish_reason;
    }
    if (this.reader.failure !== undefined) throw this.reader.failure;
  }

  /** Once the body is over: the text held back, the calls not yet announced, and the finish. */
  *end(): Generator<RoundDelta, void> {
    const rest = this.splitter.flush();
    if (rest.reasoning) yield { type: "reasoning", text: rest.reasoning };
    if (rest.text) yield { type: "text", text: rest.text };
    if (!this.finishReason) {
      throw new ChatError(
        "provider_incomplete",
        "The provider's stream ended before the answer was complete; try again.",
      );
    }
    for (const call of this.assembler.finish()) yield { type: "tool_call", call };
    yield {
      type: "finish",
      finishReason: this.finishReason,
      toolCalls: this.assembler.all(),
      usage: this.usage,
    };
  }
}
