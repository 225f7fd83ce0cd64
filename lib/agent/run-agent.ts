import "server-only";
import type { ServerConfig } from "@/lib/config";
import { roundCost } from "@/lib/cost/answer-cost";
import { pricesForAnswers } from "@/lib/cost/load-prices";
import type { PriceTable } from "@/lib/cost/price-table";
import { emptyToolSet, type ToolDefinition, type ToolSet } from "@/lib/mcp/tool-set";
import type { ChatEvent, ChatMessage, TokenStats } from "@/lib/protocol";
import type { Effort } from "@/lib/protocol/effort";
import { base64Bytes } from "@/lib/protocol/image-data";
import { AgentRun, type Ending } from "./agent-run";
import type { ApprovalGate } from "./approval-gate";
import { asChatError, ChatError, notConfigured } from "./chat-error";
import { estimateTools } from "./context-window";
import { modelRound, type RoundContext } from "./model-round";
import { createProvider, type Provider } from "./provider";
import type { ProviderTool } from "./provider-messages";
import { runToolRound } from "./run-tool-round";
import { toProviderMessages } from "./transcript";
import { WEB_SEARCH_INSTRUCTION } from "./web-search-instruction";

// The agent loop: rounds of (provider stream → tool calls → MCP) until the model answers, in the
// protocol's grammar `start round+ [error] end`. It only yields protocol events and stops when
// `signal` aborts; it knows nothing of HTTP, so a run can be piped to a response, printed by the
// CLI, or outlive its connection (a resumable answer, PROTOCOL.md section 8).

export interface AgentInput {
  messages: ChatMessage[];
  thinking: boolean;
  /** PROTOCOL.md section 19; absent: the provider's default. */
  effort?: Effort | undefined;
  model: string;
  signal: AbortSignal;
  /** `performance.now()` when the request arrived: timings count from there. */
  startedAt?: number;
  /** Called as each model call (round) starts: for the request log. */
  onRound?: () => void;
  /**
   * Awaited before each model round after the first (`round` counts from 0): a budget's check
   * (PROTOCOL.md section 17). A ChatError it throws ends the answer with that error.
   */
  beforeRound?: (round: number) => Promise<void>;
  /** Each round's usage as the provider reports it. */
  onUsage?: (usage: TokenStats) => void;
  /**
   * What an abort of `signal` ends in. By default nothing more is yielded (the client went away and
   * nobody is listening). A resumable run has readers that must see the end: with this set it
   * answers every open tool call and ends with `end` `{finish_reason: "cancelled"}`.
   */
  endOnAbort?: boolean;
  /** PROTOCOL.md section 21: the tools include the web's; the model is told how to cite and what to trust. */
  search?: boolean;
  /**
   * PROTOCOL.md section 24: where an `ask` tool's call waits for the user (a resumable answer's
   * stream). Without it such a call is declined at once.
   */
  approvals?: ApprovalGate | undefined;
  /** The user chose "Always allow" for a tool; what that changes is the caller's to keep. */
  onAlwaysAllow?: ((tool: ToolDefinition) => void) | undefined;
}

export interface AgentDeps {
  config: ServerConfig;
  tools: () => Promise<ToolSet>;
  provider?: Provider;
  now?: () => number;
  /** The wall clock that picks peak or off-peak rates, and the tables (load-prices.ts) by default. */
  date?: () => Date;
  prices?: readonly PriceTable[];
}

export function resolveModel(config: ServerConfig, requested: string | undefined): string {
  if (requested === undefined) return config.defaultModel;
  if (config.models.includes(requested)) return requested;
  throw new ChatError(
    "invalid_request",
    `model: '${requested}' is not offered here; choose one of ${config.models.join(", ")}`,
  );
}

export async function* runAgent(input: AgentInput, deps: AgentDeps): AsyncGenerator<ChatEvent, void> {
  const now = deps.now ?? (() => performance.now());
  const run = new AgentRun({
    abort: input.signal,
    answerTimeoutMs: deps.config.answerTimeoutMs,
    endOnAbort: input.endOnAbort ?? false,
    now,
    startedAt: input.startedAt ?? now(),
    approvalTimeoutMs: deps.config.approvalTimeoutMs,
    platformCapped: deps.config.onVercel,
    price: (tokens) =>
      roundCost(deps.prices ?? pricesForAnswers(), input.model, tokens, deps.date?.() ?? new Date()),
  });
  const effort = input.thinking ? input.effort : undefined;
  yield {
    event: "start",
    data: {
      model: input.model,
      reasoning: input.thinking ? "enabled" : "disabled",
      ...(effort ? { effort } : {}),
      ...(input.search ? { search: true } : {}),
    },
  };
  if (!deps.config.apiKey) return yield* run.close({ error: notConfigured() });
  let ending: Ending;
  try {
    ending = yield* rounds(input, deps, run);
  } catch (error) {
    // A bug past this point must still end the stream properly (error + end), never truncate it.
    ending = run.signal.aborted ? "stopped" : { error: asChatError(error) };
  }
  yield* run.close(ending);
}

/** Model rounds, each followed by a round of the tools it called, until one ends the answer. */
async function* rounds(input: AgentInput, deps: AgentDeps, run: AgentRun): AsyncGenerator<ChatEvent, Ending> {
  const context = await roundContext(input, deps);
  try {
    if (run.signal.aborted) return "stopped";
    for (let toolRounds = 0; ; toolRounds++) {
      const round = yield* modelRound(context, run, toolRounds);
      if ("ending" in round) return round.ending;
      const stopped = yield* runToolRound(context, run, round);
      if (stopped) return stopped;
    }
  } finally {
    // What was opened for this answer alone (its web server); the pool's servers stay.
    void context.toolSet.close?.().catch(() => {});
  }
}

async function roundContext(input: AgentInput, deps: AgentDeps): Promise<RoundContext> {
  const provider = deps.provider ?? createProvider(deps.config);
  const toolSet = await deps.tools().catch((error: unknown) => {
    console.error("[agent] tools unavailable; answering without them", error);
    return emptyToolSet;
  });
  const tools: ProviderTool[] = toolSet.tools.map((tool) => ({
    type: "function",
    function: { name: tool.name, description: tool.description, parameters: tool.parameters },
  }));
  return {
    provider,
    model: input.model,
    thinking: input.thinking,
    ...(input.thinking && input.effort ? { effort: input.effort } : {}),
    toolSet,
    tools,
    toolsTokens: estimateTools(tools),
    contextWindow: deps.config.contextWindows[input.model] ?? Number.POSITIVE_INFINITY,
    serverOf: new Map(toolSet.tools.map((tool) => [tool.name, tool.server])),
    askTools: new Set(toolSet.tools.flatMap((tool) => (tool.policy === "ask" ? [tool.name] : []))),
    approvals: input.approvals,
    awaiting: new Set(),
    onAlwaysAllow: input.onAlwaysAllow,
    messages: [
      ...(input.search ? [{ role: "system" as const, content: WEB_SEARCH_INSTRUCTION }] : []),
      ...toProviderMessages(input.messages, input.thinking, readsImages(input, deps.config)),
    ],
    maxToolRounds: deps.config.maxToolRounds,
    onRound: input.onRound,
    beforeRound: input.beforeRound,
    onUsage: input.onUsage,
  };
}

/**
 * Whether the model gets the conversation's images (PROTOCOL.md section 20, "Images"): it is one of
 * VISION_MODELS, and their bytes together are within CONVERSATION_IMAGE_BYTES (a stored
 * conversation's earlier images come from the store, not the request the body limit bounded).
 */
function readsImages(input: AgentInput, config: ServerConfig): boolean {
  if (!config.visionModels.includes(input.model)) return false;
  let bytes = 0;
  for (const message of input.messages)
    for (const part of message.parts ?? []) if (part.type === "image") bytes += base64Bytes(part.data);
  if (bytes > config.conversationImageBytes) {
    throw new ChatError(
      "invalid_request",
      `This conversation's images are more than ${config.conversationImageBytes} bytes together, more than one request to the model may carry: start a new chat to send more images.`,
    );
  }
  return true;
}
