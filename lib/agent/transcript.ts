import type { ToolOutcome } from "@/lib/mcp/tool-set";
import type { ChatMessage, MessagePart, ToolCallData, ToolPart } from "@/lib/protocol";
import { userProviderContent } from "./file-blocks";
import type { ProviderMessage, ProviderToolCall } from "./provider-messages";

// Turns a conversation with assistant `parts` back into the provider's rounds (PROTOCOL.md
// section 1). The loop builds its own rounds with the same helpers, so a conversation sent
// back later is byte-identical to what the model saw live, which also keeps the provider's
// prompt cache warm.

/** What the model reads as a tool's answer. */
function toolMessageContent(outcome: ToolOutcome): string {
  if ("error" in outcome) return `Error: ${outcome.error}`;
  return typeof outcome.result === "string" ? outcome.result : JSON.stringify(outcome.result);
}

/**
 * A call as the provider gets it back, from a `tool_call` event's data or a tool part alike: the
 * arguments serialised again, or the model's own text when they were not a JSON object.
 */
export function providerToolCall(
  call: Pick<ToolCallData, "id" | "name" | "arguments" | "raw_arguments">,
): ProviderToolCall {
  const args = call.raw_arguments ?? JSON.stringify(call.arguments);
  return { id: call.id, type: "function", function: { name: call.name, arguments: args } };
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
  // Files and images are a user turn's; the request's checks keep them out of an assistant's.
  const parts = (message.parts ?? []).filter(
    (part): part is MessagePart => part.type !== "file" && part.type !== "image",
  );
  if (parts.length === 0) return [{ role: "assistant", content: message.content }];
  const out: ProviderMessage[] = [];
  let text = "";
  let reasoning = "";
  let tools: ToolPart[] = [];
  const closeToolRound = () => {
    out.push(assistantToolRound(text, reasoning, tools.map(providerToolCall), thinking));
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

/** `readsImages`: the model is one of VISION_MODELS; otherwise the turns' images are left out. */
export function toProviderMessages(
  messages: readonly ChatMessage[],
  thinking: boolean,
  readsImages = false,
): ProviderMessage[] {
  return messages.flatMap<ProviderMessage>((message) => {
    if (message.role === "assistant") return assistantRounds(message, thinking);
    if (message.role === "user")
      return [{ role: "user", content: userProviderContent(message, readsImages) }];
    return [{ role: message.role, content: message.content }];
  });
}
