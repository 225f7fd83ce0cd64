import "server-only";
import { createParser } from "eventsource-parser";
import OpenAI from "openai";
import { ChatError } from "./chat-error";
import type { ToolCallFragment } from "./tool-call-assembler";

// The provider's SSE body as chunks (docs/PROVIDER.md, section 3: `data:` lines of JSON,
// `: keep-alive` comments while queued, `data: [DONE]` at the end). Pure: bytes in, chunks out.

interface ChunkDelta {
  content?: string | null;
  reasoning_content?: string | null;
  reasoning?: string | null;
  tool_calls?: ToolCallFragment[] | null;
}

export interface ProviderUsage {
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

/**
 * A `data` object with an `error` is the provider failing mid-stream, as the SDK reports it;
 * `failure` holds it once the chunks before it have been handed out.
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
