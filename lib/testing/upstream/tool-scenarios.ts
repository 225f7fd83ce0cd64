import { splitArguments, splitText, toArgumentsJson } from "./chunker";
import { generated, type Outcome, type Scenario, type ScenarioContext, text } from "./generate";

/**
 * Tool-calling scenarios. Which round of the tool loop we are in is the number of assistant
 * messages after the last user message, so one marker drives a whole multi-request turn.
 */

export type CallSpec = { name: string; arguments?: unknown; raw_arguments?: string };

const STOCK: CallSpec = { name: "get_stock_info", arguments: { code: "600519" } };

/** The `web-search` scenario's answer: it cites the first two sources of the search it ran. */
export const WEB_SEARCH_ANSWER = "DeepSeek 发布了 V4，支持百万 token 的上下文 [1]。模型权重已经公开 [2]。";

/** `rounds(r)` is the calls of round r, or null once it is time to answer. */
function toolLoop(
  ctx: ScenarioContext,
  rounds: (round: number) => CallSpec[] | null,
  answer: () => string,
): Outcome {
  const calls = rounds(ctx.round);
  if (!calls) {
    return generated(ctx, {
      reasoning: splitText("工具已经返回了结果，我来整理答案。"),
      content: splitText(answer()),
      finishReason: "stop",
    });
  }
  // The upstream must never invent a call to a tool the client did not offer: say so instead.
  const missing = [...new Set(calls.map((call) => call.name).filter((name) => !ctx.toolNames.has(name)))];
  if (missing.length > 0) {
    return generated(ctx, {
      reasoning: splitText("请求里没有提供我需要的工具。"),
      content: splitText(`Tool not available: ${missing.join(", ")} (not in this request's tools).`),
      finishReason: "stop",
    });
  }
  return generated(ctx, {
    reasoning: splitText(`我需要调用 ${calls.map((call) => call.name).join("、")} 工具来获取信息。`),
    content: [],
    toolCalls: calls.map((call) => ({
      name: call.name,
      argumentPieces: splitArguments(call.raw_arguments ?? toArgumentsJson(call.arguments ?? {})),
    })),
    finishReason: "tool_calls",
  });
}

function defaultAnswer(ctx: ScenarioContext): string {
  return `工具返回：${ctx.toolResults.join("；")}`;
}

/** Scripted rounds then an answer; `rounds` given inline or by the `tools` marker's JSON. */
function scripted(rounds: CallSpec[][]): Scenario {
  return (ctx) =>
    toolLoop(
      ctx,
      (round) => rounds[round] ?? null,
      () => text(ctx.spec.params, "text") ?? defaultAnswer(ctx),
    );
}

function parseRounds(value: unknown): CallSpec[][] {
  const fail = (why: string): never => {
    throw new Error(`"rounds" must be an array of arrays of {name, arguments | raw_arguments}: ${why}`);
  };
  if (!Array.isArray(value)) return fail("not an array");
  return value.map((round: unknown) => {
    if (!Array.isArray(round) || round.length === 0) return fail("a round is not a non-empty array");
    return round.map((call: unknown): CallSpec => {
      if (call === null || typeof call !== "object") return fail("a call is not an object");
      const { name, arguments: args, raw_arguments: raw } = call as Record<string, unknown>;
      if (typeof name !== "string") return fail("a call has no name");
      if (raw !== undefined && typeof raw !== "string") return fail("raw_arguments is not a string");
      return {
        name,
        ...(args === undefined ? {} : { arguments: args }),
        ...(raw === undefined ? {} : { raw_arguments: raw }),
      };
    });
  });
}

export const toolScenarios: Record<string, Scenario> = {
  tool: scripted([[STOCK]]),
  tools: (ctx) => scripted(parseRounds(ctx.spec.params.rounds))(ctx),
  parallel: scripted([
    [
      { name: "get_current_time", arguments: { timezone: "Asia/Shanghai" } },
      { name: "calculate", arguments: { expression: "2*(3+4)" } },
      STOCK,
    ],
  ]),
  "web-search": (ctx) =>
    scripted([
      [{ name: "web_search", arguments: { query: text(ctx.spec.params, "query") ?? "DeepSeek V4" } }],
    ])({
      ...ctx,
      spec: { ...ctx.spec, params: { text: WEB_SEARCH_ANSWER, ...ctx.spec.params } },
    }),
  "bad-args": scripted([[{ name: "get_stock_info", raw_arguments: '{"code": "600519"' }]]),
  endless: (ctx) =>
    toolLoop(
      ctx,
      () => [{ name: "get_current_time", arguments: {} }],
      () => "",
    ),
};
