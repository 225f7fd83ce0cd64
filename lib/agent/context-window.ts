import "server-only";
import type { Env } from "@/lib/config";
import { estimateTokens, IMAGE_TOKENS } from "@/lib/protocol/token-estimate";
import { ChatError } from "./chat-error";
import type { ProviderMessage, ProviderTool } from "./provider-messages";

// How much a model can read at once (PROTOCOL.md section 19): CONTEXT_WINDOW for every model
// (DeepSeek V4's 1M tokens by default), CONTEXT_WINDOWS="model=tokens,…" for the ones that differ.
// A round that would not fit is refused here with a sentence, before the provider answers it with
// a 400 of its own.

const DEFAULT_WINDOW = 1_000_000;
const LIMITS = { min: 1_000, max: 100_000_000 };

/** The window of each offered model, in tokens. */
export function contextWindows(env: Env, models: readonly string[]): Record<string, number> {
  const fallback = windowSize("CONTEXT_WINDOW", env.CONTEXT_WINDOW) ?? DEFAULT_WINDOW;
  const windows: Record<string, number> = Object.fromEntries(models.map((model) => [model, fallback]));
  for (const item of (env.CONTEXT_WINDOWS ?? "").split(",")) {
    const [model, size] = item.split("=").map((part) => part.trim());
    if (!model || !size) continue;
    const tokens = windowSize(`CONTEXT_WINDOWS (${model})`, size);
    if (tokens !== undefined && model in windows) windows[model] = tokens;
  }
  return windows;
}

function windowSize(name: string, raw: string | undefined): number | undefined {
  if (!raw?.trim()) return undefined;
  const value = Number(raw.trim());
  if (Number.isInteger(value) && value >= LIMITS.min && value <= LIMITS.max) return value;
  console.warn(`[config] ${name}=${raw} is not a whole number of tokens from 1,000 to 100,000,000; ignored`);
  return undefined;
}

// What one message costs beyond its text (its role and separators), by the same rough measure.
const PER_MESSAGE = 4;

/** A user turn's text, and its images at IMAGE_TOKENS each. */
function contentTokens(content: ProviderMessage["content"]): number {
  if (typeof content === "string") return estimateTokens(content);
  return content.reduce(
    (sum, part) => sum + (part.type === "text" ? estimateTokens(part.text) : IMAGE_TOKENS),
    0,
  );
}

/** A round's prompt, estimated: every message's text, reasoning and tool calls, and the tools' definitions. */
export function estimateRound(messages: readonly ProviderMessage[], toolsTokens: number): number {
  let tokens = toolsTokens;
  for (const message of messages) {
    tokens += PER_MESSAGE + contentTokens(message.content);
    if ("reasoning_content" in message && typeof message.reasoning_content === "string") {
      tokens += estimateTokens(message.reasoning_content);
    }
    if ("tool_calls" in message && Array.isArray(message.tool_calls)) {
      for (const call of message.tool_calls)
        tokens += estimateTokens(call.function.name + call.function.arguments);
    }
  }
  return tokens;
}

export function estimateTools(tools: readonly ProviderTool[]): number {
  return tools.length === 0 ? 0 : estimateTokens(JSON.stringify(tools));
}

const formatter = new Intl.NumberFormat("en-US");

/** Throws context_too_long when the round's estimate is over the model's window. */
export function checkFits(model: string, window: number, estimate: number): void {
  if (estimate <= window) return;
  throw new ChatError(
    "context_too_long",
    `This conversation is too long for ${model}: about ${formatter.format(estimate)} tokens, and the model reads at most ${formatter.format(window)}. Start a new chat, or edit an earlier message to branch from there.`,
  );
}
