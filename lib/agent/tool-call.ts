import type { ToolCallData } from "@/lib/protocol";
import { type AssembledToolCall, type ParsedArguments, parseToolArguments } from "./tool-call-assembler";

/** A call of one round with its arguments parsed once: its event, the transcript and the tool read this. */
export interface ToolCall {
  id: string;
  name: string;
  /** The arguments exactly as the model wrote them. */
  argumentsText: string;
  parsed: ParsedArguments;
}

export function toToolCall(call: AssembledToolCall): ToolCall {
  return {
    id: call.id,
    name: call.name,
    argumentsText: call.argumentsText,
    parsed: parseToolArguments(call.argumentsText),
  };
}

/** The `tool_call` event's data: arguments that do not parse go as `{}` with the model's text beside. */
export function toolCallEventData(call: ToolCall, server?: string): ToolCallData {
  const data: ToolCallData = { id: call.id, type: "mcp", name: call.name, arguments: call.parsed.arguments };
  if (server) data.server = server;
  if (!call.parsed.ok) data.raw_arguments = call.argumentsText;
  return data;
}
