import "server-only";
import type OpenAI from "openai";
import type { ServerConfig } from "@/lib/config";
import type { Effort } from "@/lib/protocol/effort";
import { IdleWatchdog } from "./idle-watchdog";
import { responseBody } from "./node-fetch";
import { clientFor } from "./provider-client";
import { toChatError } from "./provider-errors";
import type { ProviderMessage, ProviderTool } from "./provider-messages";
import { type RoundDelta, RoundParser } from "./round-parser";

// The only module that talks to the model provider: it makes one round's request (the `thinking`
// body flag, usage asked for) and reads its body through RoundParser, so the loop sees a
// provider-neutral stream of deltas.

export type { RoundDelta };

export interface RoundRequest {
  model: string;
  messages: ProviderMessage[];
  tools: ProviderTool[];
  thinking: boolean;
  effort?: Effort | undefined;
  signal: AbortSignal;
}

export interface Provider {
  streamRound(request: RoundRequest): AsyncGenerator<RoundDelta, void>;
}

/**
 * The request knobs for reasoning, in one place (docs/PROVIDER.md, section 1: "off" is sent
 * explicitly). The effort goes as `reasoning_effort`, the name DeepSeek shares with OpenAI-style
 * servers (vLLM, Ollama), only when asked for: otherwise the provider's default stands.
 */
function thinkingParams(thinking: boolean, effort: Effort | undefined): Record<string, unknown> {
  return {
    thinking: { type: thinking ? "enabled" : "disabled" },
    ...(thinking && effort ? { reasoning_effort: effort } : {}),
  };
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
        ...thinkingParams(request.thinking, request.effort),
      };
      try {
        idle.arm();
        // The SDK makes the request: headers, retries before the first byte, HTTP errors as
        // APIErrors. The body is read here, not through the SDK's stream: its iterator's layers
        // cost more CPU than the rest of the relay (the relay benchmark, `npm run bench`).
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

/** One round's body as deltas, each read keeping the watchdog quiet (keep-alive comments too). */
export async function* readRound(response: Response, idle: IdleWatchdog): AsyncGenerator<RoundDelta, void> {
  const parser = new RoundParser(response.headers);
  // Leaving the loop early closes the body and its connection, unless [DONE] has come: then the
  // connection is kept for the next round.
  for await (const bytes of responseBody(response, () => parser.finished)) {
    idle.touch();
    for (const delta of parser.feed(bytes)) yield delta;
    if (parser.finished) break;
  }
  for (const delta of parser.end()) yield delta;
}
