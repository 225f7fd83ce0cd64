import { type Delta, newCallId, type Usage } from "./wire";

/** One thing the server does while answering; the player turns these into bytes and pauses. */
export type Step =
  | { kind: "chunk"; delta: Delta; finishReason: string | null; usage: Usage | null }
  /** OpenAI style: usage on an extra chunk with `choices: []`. */
  | { kind: "usage"; usage: Usage }
  | { kind: "keepalive" }
  | { kind: "wait"; ms: number }
  /** Destroy the socket mid-stream (connection reset). */
  | { kind: "reset" }
  /** Send nothing more until the client goes away. */
  | { kind: "stall" };

/**
 * How reasoning is put on the wire:
 * - `deepseek`: `reasoning_content` deltas, `content: null` beside them (thinking mode);
 * - `plain`: no reasoning at all, content-only deltas (non-thinking mode, or think tags in content);
 * - `reasoning-field`: vLLM/Ollama/OpenRouter's `delta.reasoning`.
 */
export type WireStyle = "deepseek" | "plain" | "reasoning-field";

export type ToolCallSpec = { name: string; argumentPieces: string[] };

export type Turn = {
  style: WireStyle;
  reasoning: string[];
  content: string[];
  toolCalls: ToolCallSpec[];
  /** null: the stream ends without a finishing chunk. */
  finishReason: string | null;
  usage: Usage;
  usagePlacement: "finish-chunk" | "extra-chunk";
};

export function turnSteps(turn: Turn): Step[] {
  const deepseek = turn.style === "deepseek";
  const chunk = (delta: Delta): Step => ({ kind: "chunk", delta, finishReason: null, usage: null });
  const steps: Step[] = [
    chunk(
      deepseek
        ? { role: "assistant", content: null, reasoning_content: "" }
        : { role: "assistant", content: "" },
    ),
  ];
  if (turn.style !== "plain") {
    for (const piece of turn.reasoning) {
      steps.push(chunk(deepseek ? { content: null, reasoning_content: piece } : { reasoning: piece }));
    }
  }
  for (const piece of turn.content) {
    steps.push(chunk(deepseek ? { content: piece, reasoning_content: null } : { content: piece }));
  }
  turn.toolCalls.forEach((call, index) => {
    steps.push(
      chunk({
        tool_calls: [
          { index, id: newCallId(index), type: "function", function: { name: call.name, arguments: "" } },
        ],
      }),
    );
    for (const piece of call.argumentPieces) {
      steps.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
    }
  });
  if (turn.finishReason !== null) {
    const extra = turn.usagePlacement === "extra-chunk";
    steps.push({
      kind: "chunk",
      delta: deepseek ? { content: "", reasoning_content: null } : { content: "" },
      finishReason: turn.finishReason,
      usage: extra ? null : turn.usage,
    });
    if (extra) steps.push({ kind: "usage", usage: turn.usage });
  }
  return steps;
}

/** Everything a non-streaming response needs, gathered from the steps a stream would send. */
export type Collected = {
  content: string;
  reasoningContent: string | null;
  reasoning: string | null;
  toolCalls: { id: string; type: "function"; function: { name: string; arguments: string } }[];
  finishReason: string | null;
  usage: Usage | null;
};

type ToolCallDelta = { index: number; id?: string; function?: { name?: string; arguments?: string } };

export function collect(steps: Step[]): Collected {
  const out: Collected = {
    content: "",
    reasoningContent: null,
    reasoning: null,
    toolCalls: [],
    finishReason: null,
    usage: null,
  };
  for (const step of steps) {
    if (step.kind === "usage") out.usage = step.usage;
    if (step.kind !== "chunk") continue;
    const { delta } = step;
    if (typeof delta.content === "string") out.content += delta.content;
    if (typeof delta.reasoning_content === "string")
      out.reasoningContent = (out.reasoningContent ?? "") + delta.reasoning_content;
    if (typeof delta.reasoning === "string") out.reasoning = (out.reasoning ?? "") + delta.reasoning;
    for (const call of (delta.tool_calls ?? []) as ToolCallDelta[]) {
      const existing = out.toolCalls[call.index];
      if (existing) existing.function.arguments += call.function?.arguments ?? "";
      else {
        out.toolCalls[call.index] = {
          id: call.id ?? "",
          type: "function",
          function: { name: call.function?.name ?? "", arguments: call.function?.arguments ?? "" },
        };
      }
    }
    if (step.finishReason !== null) out.finishReason = step.finishReason;
    if (step.usage) out.usage = step.usage;
  }
  return out;
}
