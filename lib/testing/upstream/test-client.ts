import OpenAI from "openai";
import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import type { Upstream } from "./server";

/** Helpers the upstream's own tests share: raw HTTP for wire checks, the SDK for client-side views. */

export const MODEL = "deepseek-v4-pro";

export function sdk(upstream: Upstream, options: { apiKey?: string; maxRetries?: number } = {}): OpenAI {
  return new OpenAI({
    baseURL: upstream.url,
    apiKey: options.apiKey ?? "sk-test",
    maxRetries: options.maxRetries ?? 0,
  });
}

export function post(
  upstream: Upstream,
  body: unknown,
  init: { key?: string | null; path?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (init.key !== null) headers.authorization = `Bearer ${init.key ?? "sk-test"}`;
  return fetch(`${upstream.url}${init.path ?? "/chat/completions"}`, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** The `data:` payloads of a raw SSE body, in order (comments and [DONE] left out). */
export function dataLines(sseBody: string): string[] {
  return sseBody
    .split("\n\n")
    .filter((event) => event.startsWith("data: ") && event !== "data: [DONE]")
    .map((event) => event.slice("data: ".length));
}

export function user(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { model: MODEL, stream: true, messages: [{ role: "user", content: text }], ...extra };
}

export function tools(
  ...names: string[]
): { type: "function"; function: { name: string; parameters: object } }[] {
  return names.map((name) => ({
    type: "function",
    function: { name, parameters: { type: "object", properties: {} } },
  }));
}

export type Accumulated = {
  reasoning: string;
  /** vLLM/Ollama/OpenRouter's `delta.reasoning`. */
  reasoningField: string;
  content: string;
  toolCalls: { id: string; name: string; arguments: string }[];
  finishReason: string | null;
  usage: Record<string, unknown> | null;
  chunks: ChatCompletionChunk[];
};

type LooseDelta = {
  content?: string | null;
  reasoning_content?: string | null;
  reasoning?: string | null;
  tool_calls?: { index: number; id?: string; function?: { name?: string; arguments?: string } }[];
};

/** Joins a stream the way a careful client does (not `.stream()`, which keeps only the last reasoning piece). */
export async function accumulate(stream: AsyncIterable<ChatCompletionChunk>): Promise<Accumulated> {
  const out: Accumulated = {
    reasoning: "",
    reasoningField: "",
    content: "",
    toolCalls: [],
    finishReason: null,
    usage: null,
    chunks: [],
  };
  for await (const chunk of stream) {
    out.chunks.push(chunk);
    if (chunk.usage) out.usage = chunk.usage as unknown as Record<string, unknown>;
    const choice = chunk.choices[0];
    if (!choice) continue;
    const delta = choice.delta as LooseDelta;
    out.reasoning += delta.reasoning_content ?? "";
    out.reasoningField += delta.reasoning ?? "";
    out.content += delta.content ?? "";
    for (const call of delta.tool_calls ?? []) {
      const existing = out.toolCalls[call.index];
      if (existing) existing.arguments += call.function?.arguments ?? "";
      else
        out.toolCalls[call.index] = {
          id: call.id ?? "",
          name: call.function?.name ?? "",
          arguments: call.function?.arguments ?? "",
        };
    }
    if (choice.finish_reason) out.finishReason = choice.finish_reason;
  }
  return out;
}

/** Streams one request through the SDK with DeepSeek's body fields (`thinking`) passed as params. */
export async function streamChat(client: OpenAI, params: Record<string, unknown>): Promise<Accumulated> {
  const stream = await client.chat.completions.create({ model: MODEL, stream: true, ...params } as never);
  return accumulate(stream as unknown as AsyncIterable<ChatCompletionChunk>);
}
