import "server-only";
import { loadConfig, type ServerConfig } from "@/lib/config";
import { getToolSet, type ToolSet } from "@/lib/mcp";
import type { ToolDefinition } from "@/lib/mcp/tool-set";
import {
  type ChatEvent,
  type ChatMessage,
  DONE_EVENT,
  type ErrorData,
  encodeEvent,
  type FinishReason,
  type TokenStats,
} from "@/lib/protocol";
import type { Effort } from "@/lib/protocol/effort";
import { loadWebSearchConfig, type WebSearchConfig } from "@/lib/web/web-search-config";
import { withWebTools } from "@/lib/web/web-tools";
import type { ApprovalGate } from "./approval-gate";
import { ChatError, fromErrorEvent } from "./chat-error";
import type { Provider } from "./provider";
import { resolveModel, runAgent } from "./run-agent";

// The loop as a library, in the three call shapes of the origin document's Python module
// (PROTOCOL.md section 5): a string, SSE text, or typed events.

export interface ChatOptions {
  thinking?: boolean | undefined;
  /** PROTOCOL.md section 19: low, high or max; absent, the provider's default. */
  effort?: Effort | undefined;
  model?: string | undefined;
  signal?: AbortSignal | undefined;
  config?: ServerConfig | undefined;
  tools?: (() => Promise<ToolSet>) | undefined;
  /** PROTOCOL.md section 21: offer the web tools; a 400 ChatError at once when no service is configured. */
  search?: boolean | undefined;
  /** The search configuration, instead of the environment's. */
  web?: WebSearchConfig | undefined;
  provider?: Provider | undefined;
  /** `performance.now()` when the request arrived, for the timings. */
  startedAt?: number | undefined;
  onRound?: (() => void) | undefined;
  /** Awaited before each later model round; a ChatError it throws ends the answer (runAgent). */
  beforeRound?: ((round: number) => Promise<void>) | undefined;
  onUsage?: ((usage: TokenStats) => void) | undefined;
  /** A resumable run ends with `end` `{finish_reason: "cancelled"}` when `signal` aborts (runAgent). */
  endOnAbort?: boolean | undefined;
  /** PROTOCOL.md section 24: where an `ask` tool's call waits for the user (runAgent). */
  approvals?: ApprovalGate | undefined;
  onAlwaysAllow?: ((tool: ToolDefinition) => void) | undefined;
}

export function chat(
  input: string | ChatMessage[],
  options: ChatOptions & { stream: false },
): Promise<string>;
export function chat(
  input: string | ChatMessage[],
  options: ChatOptions & { stream?: true; sse: true },
): AsyncGenerator<string, void>;
export function chat(
  input: string | ChatMessage[],
  options?: ChatOptions & { stream?: true; sse?: false },
): AsyncGenerator<ChatEvent, void>;
export function chat(
  input: string | ChatMessage[],
  options: ChatOptions & { stream?: boolean; sse?: boolean } = {},
): Promise<string> | AsyncGenerator<string | ChatEvent, void> {
  const events = chatEvents(input, options);
  if (options.stream === false) {
    return collectAnswer(events).then(({ content, error }) => {
      if (error) throw fromErrorEvent(error);
      return content;
    });
  }
  return options.sse ? toSseText(events) : events;
}

/** The answer's tools: the pool's, and the web tools when the request asked for search. */
function toolsFor(options: ChatOptions, config: ServerConfig): () => Promise<ToolSet> {
  const base = options.tools ?? getToolSet;
  if (!options.search) return base;
  const web = options.web ?? loadWebSearchConfig();
  const backend = web.backend;
  if (!backend) throw new ChatError("invalid_request", web.problem ?? "search: web search is not configured");
  return withWebTools(base, { config, web: { ...web, backend } });
}

/** Typed events for one conversation; throws a 400 ChatError at once for a model not on offer or search that is not. */
export function chatEvents(
  input: string | ChatMessage[],
  options: ChatOptions = {},
): AsyncGenerator<ChatEvent, void> {
  const config = options.config ?? loadConfig();
  const model = resolveModel(config, options.model);
  const tools = toolsFor(options, config);
  const messages: ChatMessage[] = typeof input === "string" ? [{ role: "user", content: input }] : input;
  return runAgent(
    {
      messages,
      thinking: options.thinking ?? true,
      ...(options.effort ? { effort: options.effort } : {}),
      model,
      signal: options.signal ?? new AbortController().signal,
      ...(options.startedAt !== undefined ? { startedAt: options.startedAt } : {}),
      ...(options.onRound ? { onRound: options.onRound } : {}),
      ...(options.beforeRound ? { beforeRound: options.beforeRound } : {}),
      ...(options.onUsage ? { onUsage: options.onUsage } : {}),
      ...(options.endOnAbort ? { endOnAbort: true } : {}),
      ...(options.search ? { search: true } : {}),
      ...(options.approvals ? { approvals: options.approvals } : {}),
      ...(options.onAlwaysAllow ? { onAlwaysAllow: options.onAlwaysAllow } : {}),
    },
    {
      config,
      tools,
      ...(options.provider ? { provider: options.provider } : {}),
    },
  );
}

export interface Answer {
  content: string;
  finish_reason: FinishReason;
  error: ErrorData | undefined;
}

/** The final answer only, as `stream: false` returns it: no reasoning, tool records or stats. */
export async function collectAnswer(events: AsyncIterable<ChatEvent>): Promise<Answer> {
  let content = "";
  let finishReason: FinishReason = "error";
  let error: ErrorData | undefined;
  for await (const event of events) {
    if (event.event === "message") content += event.data.content;
    else if (event.event === "error") error = event.data;
    else if (event.event === "end") finishReason = event.data.finish_reason;
  }
  return { content, finish_reason: finishReason, error };
}

async function* toSseText(events: AsyncIterable<ChatEvent>): AsyncGenerator<string, void> {
  let id = 1;
  for await (const event of events) yield encodeEvent(id++, event);
  yield DONE_EVENT;
}
