import type { ChatMessage, MessagePart, ToolPart } from "@/lib/protocol";
import type { ProviderMessage, ProviderToolCall } from "./provider-messages";

// Turns a conversation with assistant `parts` back into the provider's rounds (PROTOCOL.md
// section 1). The loop builds its own rounds with the same two helpers, so a conversation sent
// back later is byte-identical to what the model saw live, which also keeps the provider's
// prompt cache warm.

import type { ToolOutcome } from "@/lib/mcp/tool-set";

export type { ToolOutcome };

/** What the model reads as a tool's answer. */
export function toolMessageContent(outcome: ToolOutcome): string {
  if ("error" in outcome) return `Error: ${outcome.error}`;
  return typeof outcome.result === "string" ? outcome.result : JSON.stringify(outcome.result);
}

export function toolCallArguments(part: {
  arguments: Record<string, unknown>;
  raw_arguments?: string | undefined;
}) {
  return part.raw_arguments ?? JSON.stringify(part.arguments);
}

/**
 * One round that called tools. In thinking mode DeepSeek requires its `reasoning_content` on every
 * later request ("must be passed back"), so it is always sent then — as "" if the round was made
 * with thinking off.
 */
export function assistantToolRound(
  text: string,
  reasoning: string,
  calls: ProviderToolCall[],
  thinking: boolean,
): ProviderMessage {
  const message: ProviderMessage = { role: "assistant", content: text, tool_calls: calls };
  if (thinking || reasoning) message.reasoning_content = reasoning;
  return message;
}

export function toolResultMessage(id: string, outcome: ToolOutcome): ProviderMessage {
  return { role: "tool", tool_call_id: id, content: toolMessageContent(outcome) };
}

function outcomeOf(part: ToolPart): ToolOutcome {
  return part.error !== undefined ? { error: part.error } : { result: part.result };
}

/** An assistant turn's parts as provider rounds: each run of tool parts closes a round. */
function assistantRounds(message: ChatMessage, thinking: boolean): ProviderMessage[] {
  const parts: MessagePart[] = message.parts ?? [];
  if (parts.length === 0) return [{ role: "assistant", content: message.content }];
  const out: ProviderMessage[] = [];
  let text = "";
  let reasoning = "";
  let tools: ToolPart[] = [];
  const closeToolRound = () => {
    const calls = tools.map<ProviderToolCall>((part) => ({
      id: part.id,
      type: "function",
      function: { name: part.name, arguments: toolCallArguments(part) },
    }));
    out.push(assistantToolRound(text, reasoning, calls, thinking));
    for (const part of tools) out.push(toolResultMessage(part.id, outcomeOf(part)));
    text = "";
    reasoning = "";
    tools = [];
  };
  for (const part of parts) {
    if (part.type === "tool") {
      tools.push(part);
      continue;
    }
    if (tools.length > 0) closeToolRound();
    if (part.type === "text") text += part.text;
    else reasoning += part.text;
  }
  if (tools.length > 0) closeToolRound();
  // The final answer's reasoning is ignored by the provider, so it is not sent again.
  if (text || out.length === 0) out.push({ role: "assistant", content: text });
  return out;
}

export function toProviderMessages(messages: readonly ChatMessage[], thinking: boolean): ProviderMessage[] {
  return messages.flatMap<ProviderMessage>((message) => {
    if (message.role === "assistant") return assistantRounds(message, thinking);
    return [{ role: message.role, content: message.content }];
  });
}
