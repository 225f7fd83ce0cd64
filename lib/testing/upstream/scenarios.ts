import { splitText } from "./chunker";
import { statusError } from "./errors";
import { fixturePieces } from "./fixtures";
import {
  type GeneratedTurn,
  generated,
  num,
  type Outcome,
  type Plan,
  replay,
  type Scenario,
  type ScenarioContext,
  text,
} from "./generate";
import { longMarkdownPieces } from "./long-markdown";
import { toolScenarios } from "./tool-scenarios";
import type { Step } from "./turn";

export type { Outcome, Plan, ScenarioContext } from "./generate";

const TEXT = "v3.2-reasoner-text";

function textScenario(ctx: ScenarioContext): Outcome {
  const reasoning = text(ctx.spec.params, "reasoning");
  const answer = text(ctx.spec.params, "text");
  if (ctx.thinking && reasoning === undefined && answer === undefined) return replay(TEXT);
  return generated(ctx, textParts(ctx, "stop"));
}

function textParts(ctx: ScenarioContext, finishReason: string | null): GeneratedTurn {
  const recorded = fixturePieces(TEXT);
  const reasoning = text(ctx.spec.params, "reasoning");
  const answer = text(ctx.spec.params, "text");
  return {
    reasoning: reasoning === undefined ? recorded.reasoning : splitText(reasoning),
    content: answer === undefined ? recorded.content : splitText(answer),
    finishReason,
  };
}

function planOf(outcome: Outcome): Plan {
  if ("error" in outcome) throw new Error("expected a stream");
  return outcome.plan;
}

function cutAfter(ctx: ScenarioContext, fallback: number, end: Step): Outcome {
  const plan = planOf(textScenario(ctx));
  return { plan: { ...plan, steps: [...plan.steps.slice(0, num(ctx.spec.params, "after", fallback)), end] } };
}

/** Fails the first `times` requests of this conversation turn with `status`, then answers like `text`. */
function statusScenario(status: number, defaultTimes: number): Scenario {
  return (ctx) => {
    const times = num(ctx.spec.params, "times", defaultTimes);
    if (ctx.failuresSoFar >= times) return textScenario(ctx);
    const fallbackRetry = status === 429 ? 1 : undefined;
    const retryAfter =
      ctx.spec.params.retryAfter === undefined ? fallbackRetry : num(ctx.spec.params, "retryAfter", 1);
    return { error: statusError(status, ctx.apiKey, retryAfter) };
  };
}

const SCENARIOS: Record<string, Scenario> = {
  text: textScenario,
  length: (ctx) => replay(ctx.thinking ? "v4-pro-thinking-length" : "v3.2-chat-text-length"),
  keepalive: (ctx) => {
    const interval = num(ctx.spec.params, "intervalMs", 50);
    const prefix: Step[] = [];
    for (let i = 0; i < num(ctx.spec.params, "count", 3); i++)
      prefix.push({ kind: "keepalive" }, { kind: "wait", ms: interval });
    const plan = planOf(textScenario(ctx));
    return { plan: { ...plan, steps: [...prefix, ...plan.steps] } };
  },
  status: (ctx) => {
    const status = num(ctx.spec.params, "status", 429);
    return statusScenario(status, status === 429 ? 1 : Number.POSITIVE_INFINITY)(ctx);
  },
  "401": statusScenario(401, Number.POSITIVE_INFINITY),
  "402": statusScenario(402, Number.POSITIVE_INFINITY),
  "429": statusScenario(429, 1),
  "500": statusScenario(500, Number.POSITIVE_INFINITY),
  "503": statusScenario(503, Number.POSITIVE_INFINITY),
  reset: (ctx) => cutAfter(ctx, 6, { kind: "reset" }),
  stall: (ctx) => cutAfter(ctx, 3, { kind: "stall" }),
  slow: (ctx) => ({ plan: { ...planOf(textScenario(ctx)), delayMs: num(ctx.spec.params, "delayMs", 100) } }),
  "no-finish": (ctx) => {
    const plan = planOf(textScenario(ctx));
    return {
      plan: {
        ...plan,
        steps: plan.steps.filter((step) => step.kind !== "chunk" || step.finishReason === null),
      },
    };
  },
  overloaded: (ctx) => {
    const parts = textParts(ctx, "insufficient_system_resource");
    return generated(ctx, { ...parts, content: parts.content.slice(0, 4) });
  },
  "reasoning-field": (ctx) =>
    generated(ctx, { ...textParts(ctx, "stop"), style: ctx.thinking ? "reasoning-field" : "plain" }),
  "think-tags": (ctx) => {
    const parts = textParts(ctx, "stop");
    const content = ctx.thinking
      ? ["<thi", "nk>", ...parts.reasoning, "</", "think", ">", "\n\n", ...parts.content]
      : parts.content;
    return generated(ctx, { ...parts, content, style: "plain" });
  },
  // {"name":"long","chunks":5000}: a long markdown answer in ~8-character pieces.
  long: (ctx) =>
    generated(ctx, {
      reasoning: splitText("The user wants a long, structured answer with code and tables."),
      content: longMarkdownPieces(num(ctx.spec.params, "chunks", 5000)),
      finishReason: "stop",
    }),
  // {"name":"bulk","bytes":4194304,"pieceBytes":4096}: a big answer in few large pieces, for memory
  // tests that need megabytes in the app without thousands of chunks' overhead.
  bulk: (ctx) =>
    generated(ctx, {
      reasoning: splitText("A bulk answer."),
      content: bulkPieces(num(ctx.spec.params, "bytes", 1 << 20), num(ctx.spec.params, "pieceBytes", 4096)),
      finishReason: "stop",
    }),
  "openai-usage": (ctx) => generated(ctx, { ...textParts(ctx, "stop"), usagePlacement: "extra-chunk" }),
  ...toolScenarios,
};

/** `bytes` of ASCII text in pieces of `pieceBytes` (the last one shorter), each piece telling where it is. */
function bulkPieces(bytes: number, pieceBytes: number): string[] {
  if (!Number.isInteger(bytes) || bytes < 1 || !Number.isInteger(pieceBytes) || pieceBytes < 16) {
    throw new Error('scenario "bulk" needs whole numbers: bytes >= 1, pieceBytes >= 16');
  }
  const pieces: string[] = [];
  for (let at = 0; at < bytes; at += pieceBytes) {
    const size = Math.min(pieceBytes, bytes - at);
    // A label per piece, so a test can tell a repeated or dropped piece from the right one.
    pieces.push(`[${at}]`.padEnd(size, ".").slice(0, size));
  }
  return pieces;
}

export const SCENARIO_NAMES = Object.keys(SCENARIOS);

/** Throws on an unknown scenario or bad parameters: a mistake in the test, reported as a 400. */
export function runScenario(ctx: ScenarioContext): Outcome {
  const scenario = SCENARIOS[ctx.spec.name];
  if (!scenario) throw new Error(`unknown scenario "${ctx.spec.name}" (known: ${SCENARIO_NAMES.join(", ")})`);
  const outcome = scenario(ctx);
  if ("error" in outcome || ctx.spec.params.delayMs === undefined) return outcome;
  return { plan: { ...outcome.plan, delayMs: num(ctx.spec.params, "delayMs", 0) } };
}
