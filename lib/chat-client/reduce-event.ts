import type {
  ApprovalDecision,
  ChatEvent,
  ErrorData,
  ToolApprovalData,
  ToolCallData,
} from "@/lib/protocol/events";
import type { ErrorPart, MessageStatus, ToolPart, UIMessage, UIPart } from "./types";

// Protocol events → one assistant message, purely. Components memoize on part identity, so every
// step copies only what it changes: the message, its parts array, and the one part touched.

export const TOOL_UNFINISHED = "The answer ended before this tool finished.";

export function reduceEvent(message: UIMessage, event: ChatEvent, now: number): UIMessage {
  switch (event.event) {
    case "start": {
      const { model, reasoning, effort } = event.data;
      return { ...message, model, reasoning, ...(effort ? { effort } : {}), status: "streaming" };
    }
    case "reasoning": {
      const last = message.parts.at(-1);
      if (last?.type === "reasoning" && last.endedAt === undefined) {
        return {
          ...message,
          parts: replaceLast(message.parts, { ...last, text: last.text + event.data.content }),
        };
      }
      return {
        ...message,
        parts: [...message.parts, { type: "reasoning", text: event.data.content, startedAt: now }],
      };
    }
    case "message": {
      const parts = closeReasoning(message.parts, now);
      const last = parts.at(-1);
      const text = event.data.content;
      return {
        ...message,
        content: message.content + text,
        parts:
          last?.type === "text"
            ? replaceLast(parts, { ...last, text: last.text + text })
            : [...parts, { type: "text", text }],
      };
    }
    case "tool_call":
      return { ...message, parts: [...closeReasoning(message.parts, now), toolPart(event.data, now)] };
    case "tool_result": {
      const data = event.data;
      const index = message.parts.findLastIndex((p) => p.type === "tool" && p.id === data.tool_call_id);
      const part = message.parts[index];
      // A result for a call we never saw, or a second result for one, changes nothing.
      if (part?.type !== "tool" || part.status !== "pending") return message;
      const finished: ToolPart =
        "error" in data && typeof data.error === "string"
          ? { ...part, status: "failed", error: data.error, endedAt: now }
          : { ...part, status: "done", result: "result" in data ? data.result : undefined, endedAt: now };
      return { ...message, parts: replaceAt(message.parts, index, finished) };
    }
    case "tool_approval":
      return approve(message, event.data);
    case "error":
      return {
        ...message,
        parts: [...closeReasoning(message.parts, now), errorPart(event.data)],
        error: event.data,
      };
    case "end": {
      const reason = event.data.finish_reason;
      const status: MessageStatus =
        reason === "error" ? "error" : reason === "cancelled" ? "stopped" : "done";
      return {
        ...settled(message),
        parts: failPendingTools(closeReasoning(message.parts, now), now),
        stats: event.data.stats,
        finishReason: reason,
        status,
      };
    }
  }
}

function toolPart(data: ToolCallData, now: number): ToolPart {
  const { id, name, server, raw_arguments } = data;
  const part: ToolPart = {
    type: "tool",
    id,
    name,
    arguments: data.arguments,
    status: "pending",
    startedAt: now,
  };
  if (typeof server === "string") part.server = server;
  if (typeof raw_arguments === "string") part.raw_arguments = raw_arguments;
  if (data.approval === "required") part.approval = "pending";
  return part;
}

/** A decision on a call that asked (PROTOCOL.md section 24), taken once; one this client does not know is left out. */
function approve(message: UIMessage, data: ToolApprovalData): UIMessage {
  const { tool_call_id: id, decision } = data;
  const index = message.parts.findLastIndex((p) => p.type === "tool" && p.id === id);
  const part = message.parts[index];
  if (part?.type !== "tool" || part.approval !== "pending" || !isDecision(decision)) return message;
  return { ...message, parts: replaceAt(message.parts, index, { ...part, approval: decision }) };
}

const isDecision = (value: string): value is ApprovalDecision =>
  value === "allow" || value === "deny" || value === "timeout";

/**
 * Ends a message the client gave up on: Stop pressed, the connection lost, a reload mid-answer.
 * `error`, when given, becomes an error part so the message says why it stopped.
 */
export function finishMessage(
  message: UIMessage,
  status: "stopped" | "interrupted" | "error",
  now: number,
  error?: { message: string; code?: string },
): UIMessage {
  if (message.role !== "assistant" || message.status !== "streaming") return message;
  let parts = failPendingTools(closeReasoning(message.parts, now), now);
  const finished: UIMessage = { ...settled(message), status };
  if (error) {
    const data: ErrorData = { finish_reason: "error", message: error.message };
    if (error.code !== undefined) data.code = error.code;
    parts = [...parts, errorPart(data)];
    finished.error = data;
  }
  finished.parts = parts;
  return finished;
}

/** A copy without what only a running answer has: its resume point and reconnecting flag. */
function settled(message: UIMessage): UIMessage {
  const copy = { ...message };
  delete copy.resume;
  delete copy.reconnecting;
  return copy;
}

function errorPart(data: ErrorData): ErrorPart {
  const part: ErrorPart = { type: "error", message: data.message, finish_reason: data.finish_reason };
  if (data.code !== undefined) part.code = data.code;
  return part;
}

// Not Array.prototype.with: Next's default browser targets include Firefox versions without it.
function replaceAt(parts: UIPart[], index: number, part: UIPart): UIPart[] {
  const copy = parts.slice();
  copy[index] = part;
  return copy;
}

function replaceLast(parts: UIPart[], part: UIPart): UIPart[] {
  return replaceAt(parts, parts.length - 1, part);
}

/** Only the last part can be open reasoning: every other part's arrival closes it first. */
function closeReasoning(parts: UIPart[], now: number): UIPart[] {
  const last = parts.at(-1);
  if (last?.type !== "reasoning" || last.endedAt !== undefined) return parts;
  return replaceLast(parts, { ...last, endedAt: now });
}

function failPendingTools(parts: UIPart[], now: number): UIPart[] {
  if (!parts.some((p) => p.type === "tool" && p.status === "pending")) return parts;
  return parts.map((p) =>
    p.type === "tool" && p.status === "pending"
      ? { ...p, status: "failed", error: TOOL_UNFINISHED, endedAt: now }
      : p,
  );
}
