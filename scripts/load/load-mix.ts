import type { Prng } from "./prng";

// The requests the load test sends. A variant is a scripted-upstream scenario with thinking on or
// off; every variant gets a reference run alone before the phases, and streams under load are
// compared with it.

export type ScenarioName = "text" | "tool" | "slow";

export interface Variant {
  scenario: ScenarioName;
  thinking: boolean;
}

// slow: the text scenario paced at 2 ms a chunk (~0.5 s in all), so that a cut 0–60 ms in, or after
// a few events, lands mid-stream rather than after the end.
const MARKERS: Record<ScenarioName, string> = {
  text: "[[scenario:text]]",
  tool: "[[scenario:tool]]",
  slow: '[[scenario:{"name":"slow","delayMs":2}]]',
};

export const VARIANTS: Variant[] = (["text", "tool", "slow"] as const).flatMap((scenario) => [
  { scenario, thinking: true },
  { scenario, thinking: false },
]);

export function variantKey(variant: Variant): string {
  return `${variant.scenario}/${variant.thinking ? "thinking" : "no-thinking"}`;
}

/**
 * The nonce ties a request to what the upstream recorded for it. Always the same length, so the
 * upstream's prompt-token estimate, and with it the end event's stats, match the reference run.
 */
export function nonce(tag: string, index: number): string {
  return `#${tag}-${String(index).padStart(5, "0")}`;
}

export const NONCE_PATTERN = /#[A-Z]\d-\d{5}/;

export function chatBody(variant: Variant, id: string): { prompt: string; thinking: boolean } {
  return { prompt: `分析一下 600519 ${MARKERS[variant.scenario]} ${id}`, thinking: variant.thinking };
}

/** The collapsed event shapes a variant must have when run alone (PROTOCOL.md section 3). */
export function expectedShape(variant: Variant): string[] {
  const think = variant.thinking ? ["reasoning"] : [];
  if (variant.scenario !== "tool") return ["start", ...think, "message", "end"];
  return ["start", ...think, "tool_call", "tool_result", ...think, "message", "end"];
}

/** Phase 1: mostly text, some tool calls (built-in MCP get_stock_info), some thinking off. */
export function phase1Mix(prng: Prng, count: number): Variant[] {
  const tool = Math.round(count * 0.25);
  const offText = Math.round((count - tool) * 0.2);
  const offTool = Math.round(tool * 0.3);
  const mix: Variant[] = [];
  for (let i = 0; i < count; i++) {
    const isTool = i < tool;
    const off = isTool ? i < offTool : i - tool < offText;
    mix.push({ scenario: isTool ? "tool" : "text", thinking: !off });
  }
  return prng.shuffle(mix);
}

export type AbortPlan = { afterMs: number } | { afterEvents: number } | undefined;

/**
 * Phase 2, one request: half are cut, half run to the end. The cut ones are mostly `slow`, so the
 * cut lands mid-stream; the others are `text`/`tool`, because a full `slow` stream takes ~0.5 s and
 * a thousand of them would not fit the run's time budget.
 */
export function phase2Request(prng: Prng): { variant: Variant; abort: AbortPlan } {
  const thinking = prng.next() >= 0.2;
  if (prng.next() < 0.5) {
    const scenario = prng.next() < 0.5 ? "text" : "tool";
    return { variant: { scenario, thinking }, abort: undefined };
  }
  const pick = prng.next();
  const scenario: ScenarioName = pick < 0.6 ? "slow" : pick < 0.8 ? "text" : "tool";
  const abort = prng.next() < 0.5 ? { afterMs: prng.int(0, 60) } : { afterEvents: prng.int(1, 40) };
  return { variant: { scenario, thinking }, abort };
}
