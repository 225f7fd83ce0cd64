import type { ChatEvent } from "./events";

// The parser's default check, without the zod schemas (about 90 KB gzipped in a browser bundle):
// only what a client relies on, so a malformed event is skipped instead of corrupting a message.
// Strict callers (the server's tests, the CLI) pass the full schemas instead.

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const isText = (value: unknown): value is string => typeof value === "string" && value.length > 0;

export function isWellFormedEvent(event: ChatEvent): boolean {
  const data: unknown = event.data;
  if (!isObject(data)) return false;
  switch (event.event) {
    case "start":
      return typeof data.model === "string";
    case "reasoning":
    case "message":
      return isText(data.content);
    case "tool_call":
      return isText(data.id) && isText(data.name) && isObject(data.arguments);
    case "tool_result":
      return isText(data.tool_call_id) && (typeof data.error === "string" || "result" in data);
    case "tool_approval":
      return isText(data.tool_call_id) && isText(data.decision);
    case "error":
      return isText(data.message) && typeof data.finish_reason === "string";
    case "end":
      return typeof data.finish_reason === "string" && isObject(data.stats);
    default:
      return false;
  }
}
