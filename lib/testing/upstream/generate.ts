import type { HttpError } from "./errors";
import { type FixtureName, loadFixture } from "./fixtures";
import type { ScenarioSpec } from "./marker";
import { type Step, type Turn, turnSteps, type WireStyle } from "./turn";
import { buildUsage, V4_FINGERPRINT } from "./wire";

/** What every scenario builds on: its inputs, its result, and the two ways of making a stream. */

export type Plan = { steps: Step[]; fingerprint: string; delayMs?: number };
export type Outcome = { plan: Plan } | { error: HttpError };

export type ScenarioContext = {
  spec: ScenarioSpec;
  thinking: boolean;
  round: number;
  toolNames: Set<string>;
  toolResults: string[];
  prompt: { prompt: number; cacheHit: number };
  /** How many times this marker already failed in this conversation turn (for `status`). */
  failuresSoFar: number;
  apiKey: string;
};

export type Scenario = (ctx: ScenarioContext) => Outcome;

export function num(params: Record<string, unknown>, key: string, fallback: number): number {
  const value = params[key];
  if (value === undefined) return fallback;
  if (typeof value !== "number" || Number.isNaN(value))
    throw new Error(`scenario parameter "${key}" must be a number`);
  return value;
}

export function text(params: Record<string, unknown>, key: string): string | undefined {
  const value = params[key];
  if (value !== undefined && typeof value !== "string")
    throw new Error(`scenario parameter "${key}" must be a string`);
  return value;
}

/** Replays a recording: same pieces, same usage, same fingerprint; the server rewrites id/created/model. */
export function replay(name: FixtureName): Outcome {
  const fixture = loadFixture(name);
  const steps: Step[] = fixture.chunks.map((chunk) => ({ kind: "chunk", ...chunk }));
  return { plan: { steps, fingerprint: fixture.fingerprint } };
}

export type GeneratedTurn = Partial<Pick<Turn, "toolCalls" | "style" | "usagePlacement">> & {
  reasoning: string[];
  content: string[];
  finishReason: string | null;
};

/** A turn that is not a recording, with usage counted from its own pieces. */
export function generated(ctx: ScenarioContext, turn: GeneratedTurn): Outcome {
  const style: WireStyle = turn.style ?? (ctx.thinking ? "deepseek" : "plain");
  const reasoning = style === "plain" ? [] : turn.reasoning;
  const toolCalls = turn.toolCalls ?? [];
  const argumentPieces = toolCalls.reduce((n, call) => n + call.argumentPieces.length + 1, 0);
  const usage = buildUsage({
    ...ctx.prompt,
    completion: reasoning.length + turn.content.length + argumentPieces + 1,
    ...(style === "deepseek" ? { reasoning: reasoning.length } : {}),
  });
  const steps = turnSteps({
    style,
    reasoning,
    content: turn.content,
    toolCalls,
    finishReason: turn.finishReason,
    usage,
    usagePlacement: turn.usagePlacement ?? "finish-chunk",
  });
  return { plan: { steps, fingerprint: V4_FINGERPRINT } };
}
