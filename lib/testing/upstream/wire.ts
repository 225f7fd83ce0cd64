import { randomBytes, randomUUID } from "node:crypto";

/** Field order in every object here follows the recorded streams, so serialized chunks match byte for byte. */

export type Delta = Record<string, unknown>;
export type Usage = Record<string, unknown>;

/** What stays the same across the chunks of one response. */
export type Envelope = { id: string; created: number; model: string; fingerprint: string };

/** The V4 recording's fingerprint, used for streams that are not replays of a recording. */
export const V4_FINGERPRINT = "a307abda487cd1b463329ccb945ce396";

export const SSE_DONE = "data: [DONE]\n\n";
export const SSE_KEEPALIVE = ": keep-alive\n\n";

export const STREAM_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache",
  connection: "keep-alive",
} as const;

export function newEnvelope(model: string, fingerprint = V4_FINGERPRINT): Envelope {
  return { id: randomUUID(), created: Math.floor(Date.now() / 1000), model, fingerprint };
}

export function chunkJson(
  env: Envelope,
  delta: Delta,
  finishReason: string | null,
  usage: Usage | null,
): string {
  return JSON.stringify({
    id: env.id,
    object: "chat.completion.chunk",
    created: env.created,
    model: env.model,
    system_fingerprint: env.fingerprint,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    usage,
  });
}

/** OpenAI puts usage on an extra chunk with no choices; DeepSeek never does. */
export function usageChunkJson(env: Envelope, usage: Usage): string {
  return JSON.stringify({
    id: env.id,
    object: "chat.completion.chunk",
    created: env.created,
    model: env.model,
    system_fingerprint: env.fingerprint,
    choices: [],
    usage,
  });
}

export function sse(json: string): string {
  return `data: ${json}\n\n`;
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Like the recording's `call_00_ioIn7yN9p1ZOMNpDLwd4MgAF`: call index, then 24 random letters/digits. */
export function newCallId(index: number): string {
  const bytes = randomBytes(24);
  let tail = "";
  for (const byte of bytes) tail += ALNUM[byte % ALNUM.length];
  return `call_${String(index).padStart(2, "0")}_${tail}`;
}

export type UsageCounts = {
  prompt: number;
  completion: number;
  /** Present only in thinking mode, as in the recordings. */
  reasoning?: number;
  cacheHit: number;
};

export function buildUsage(counts: UsageCounts): Usage {
  const usage: Usage = {
    prompt_tokens: counts.prompt,
    completion_tokens: counts.completion,
    total_tokens: counts.prompt + counts.completion,
    prompt_tokens_details: { cached_tokens: counts.cacheHit },
  };
  if (counts.reasoning !== undefined) {
    usage.completion_tokens_details = { reasoning_tokens: counts.reasoning };
  }
  usage.prompt_cache_hit_tokens = counts.cacheHit;
  usage.prompt_cache_miss_tokens = counts.prompt - counts.cacheHit;
  return usage;
}

/** A rough token count for the request, with a cache hit on later rounds the way a tool loop gets one. */
export function estimatePrompt(requestBody: unknown, round: number): { prompt: number; cacheHit: number } {
  // An image counts as a fixed 1,000 tokens (lib/protocol/token-estimate.ts), not its base64's length.
  let images = 0;
  const text = JSON.stringify(requestBody, (key, value: unknown) => {
    if (key !== "url" || typeof value !== "string" || !value.startsWith("data:image/")) return value;
    images++;
    return "";
  });
  const prompt = Math.max(1, Math.ceil(text.length / 4) + images * 1_000);
  const cacheHit = round > 0 ? Math.floor((prompt * 0.8) / 64) * 64 : 0;
  return { prompt, cacheHit };
}
