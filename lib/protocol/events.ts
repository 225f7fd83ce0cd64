import { z } from "zod";

// The stream events of PROTOCOL.md section 2, defined once for the route, the CLI, the hook and the tests.
// An event is `{ event, data }` rather than a flat object because `tool_call` data has its own `type`.

export const finishReasons = ["stop", "length", "content_filter", "error", "cancelled"] as const;
export type FinishReason = (typeof finishReasons)[number];

const nonEmpty = z.string().min(1);
const count = z.number().int().nonnegative();

export const startData = z.object({
  model: z.string(),
  reasoning: z.enum(["enabled", "disabled"]),
  // Section 19: the thinking effort the request asked for; absent, the provider's default.
  effort: z.enum(["low", "high", "max"]).optional(),
  // Section 21: present (true) when the request asked for web search.
  search: z.boolean().optional(),
  // Section 10: where a conversation's answer is kept (its request named the conversation).
  conversation_id: z.string().optional(),
  message_id: z.string().optional(),
  answer_id: z.string().optional(),
});

export const contentData = z.object({ content: nonEmpty });

export const toolCallData = z.looseObject({
  id: nonEmpty,
  type: z.literal("mcp"),
  name: nonEmpty,
  arguments: z.record(z.string(), z.unknown()),
  server: z.string().optional(),
  raw_arguments: z.string().optional(),
  // Section 24: the call waits for the user's decision (a resumable answer's `ask` tool).
  approval: z.literal("required").optional(),
});

// Section 24: how a call that waited for approval was decided; a timeout is a decline.
export const approvalDecisions = ["allow", "deny", "timeout"] as const;
export type ApprovalDecision = (typeof approvalDecisions)[number];

export const toolApprovalData = z.object({
  tool_call_id: nonEmpty,
  decision: z.enum(approvalDecisions),
});

// Exactly one of `result` / `error`: strict objects, so a payload with both matches neither.
const toolResultSchema = z.union([
  z.strictObject({ tool_call_id: nonEmpty, error: z.string() }),
  z.strictObject({ tool_call_id: nonEmpty, result: z.unknown() }).refine((d) => d.result !== undefined, {
    message: "a tool_result needs result or error",
  }),
]);
export const toolResultData = toolResultSchema as unknown as z.ZodType<
  { tool_call_id: string; result: unknown } | { tool_call_id: string; error: string }
>;

export const errorData = z.object({
  finish_reason: z.enum(finishReasons),
  message: nonEmpty,
  code: z.string().optional(),
});

export const tokenStats = z.looseObject({
  prompt: count,
  completion: count,
  total: count,
  reasoning: count.optional(),
  cached: count.optional(),
});

// Section 16: what the answer cost, absent when its model has no known price.
export const costData = z.object({
  usd: z.number().nonnegative(),
  cny: z.number().nonnegative(),
  as_of: z.string(),
});

export const endData = z.object({
  finish_reason: z.enum(finishReasons),
  stats: z.object({
    tool_calls: count,
    tool_results: count,
    tokens: tokenStats,
    timing_ms: z.object({ first_byte: count.nullable(), total: count }),
    cost: costData.optional(),
    cache_hit_share: z.number().min(0).max(1).optional(),
    // Section 19: the last round's prompt and completion, what the next question starts from.
    context_tokens: count.optional(),
  }),
});

export const eventSchemas = {
  start: startData,
  reasoning: contentData,
  message: contentData,
  tool_call: toolCallData,
  tool_result: toolResultData,
  tool_approval: toolApprovalData,
  error: errorData,
  end: endData,
} as const;

export type EventName = keyof typeof eventSchemas;
export type EventData = { [K in EventName]: z.infer<(typeof eventSchemas)[K]> };
export type ChatEvent = { [K in EventName]: { event: K; data: EventData[K] } }[EventName];
export type EventOf<K extends EventName> = Extract<ChatEvent, { event: K }>;

export type StartData = EventData["start"];
export type ToolCallData = EventData["tool_call"];
export type ToolResultData = EventData["tool_result"];
export type ToolApprovalData = EventData["tool_approval"];
export type ErrorData = EventData["error"];
export type EndData = EventData["end"];
export type Stats = EndData["stats"];
export type TokenStats = Stats["tokens"];
export type CostData = z.infer<typeof costData>;

export { eventNames, isEventName } from "./event-names";

/** Validates one event's data; throws a ZodError naming the bad field. */
export function parseEventData<K extends EventName>(name: K, data: unknown): EventData[K] {
  return eventSchemas[name].parse(data) as EventData[K];
}
