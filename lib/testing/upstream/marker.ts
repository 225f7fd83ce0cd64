import { createHash } from "node:crypto";

/**
 * A test picks the upstream's behaviour by writing `[[scenario:NAME]]` or
 * `[[scenario:{"name":"NAME",…params}]]` into the conversation's last user message.
 */
export type ScenarioSpec = { name: string; params: Record<string, unknown>; raw: string };

export type Message = {
  role?: unknown;
  content?: unknown;
  tool_calls?: unknown;
  tool_call_id?: unknown;
  reasoning_content?: unknown;
};

const OPEN = "[[scenario:";

/** null when there is no marker; throws on a marker that cannot be read. */
export function parseMarker(text: string): ScenarioSpec | null {
  const start = text.indexOf(OPEN);
  if (start < 0) return null;
  const bodyStart = start + OPEN.length;
  if (text[bodyStart] === "{") {
    const end = jsonObjectEnd(text, bodyStart);
    const json = text.slice(bodyStart, end);
    if (end < 0 || !text.startsWith("]]", end))
      throw new Error(`unterminated scenario marker: ${text.slice(start)}`);
    const spec: unknown = JSON.parse(json);
    if (spec === null || typeof spec !== "object" || Array.isArray(spec))
      throw new Error("scenario spec must be an object");
    const { name, ...params } = spec as Record<string, unknown>;
    if (typeof name !== "string") throw new Error(`scenario spec needs a "name": ${json}`);
    return { name, params, raw: text.slice(start, end + 2) };
  }
  const close = text.indexOf("]]", bodyStart);
  if (close < 0) throw new Error(`unterminated scenario marker: ${text.slice(start)}`);
  const name = text.slice(bodyStart, close).trim();
  if (!/^[\w-]+$/.test(name)) throw new Error(`bad scenario name "${name}"`);
  return { name, params: {}, raw: text.slice(start, close + 2) };
}

/** Index just past the JSON object starting at `from`, or -1; nested `]]` inside it must not end the marker. */
function jsonObjectEnd(text: string, from: number): number {
  let depth = 0;
  let inString = false;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === "{" || ch === "[") depth++;
    else if (ch === "}" || ch === "]") {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** The text of a message's content, whether a string or an array of text parts. */
export function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part: unknown) => (part && typeof part === "object" && "text" in part ? String(part.text) : ""))
    .join("");
}

export type Position = {
  spec: ScenarioSpec | null;
  /** Assistant messages after the last user message: 0 on the first call of a turn, 1 after one tool round… */
  round: number;
  /** Contents of the tool messages after the last assistant message (the results of the last round). */
  toolResults: string[];
  /** Identifies "this turn of this conversation", so retries of one request share a failure count. */
  conversationKey: string;
};

export function locate(messages: Message[]): Position {
  let lastUser = -1;
  messages.forEach((message, i) => {
    if (message.role === "user") lastUser = i;
  });
  const after = messages.slice(lastUser + 1);
  const lastAssistant = after.map((m) => m.role).lastIndexOf("assistant");
  const toolResults = after
    .slice(lastAssistant + 1)
    .filter((m) => m.role === "tool")
    .map((m) => contentText(m.content));
  const upToUser = messages.slice(0, lastUser + 1).map((m) => [m.role, contentText(m.content)]);
  return {
    spec: lastUser >= 0 ? parseMarker(contentText(messages[lastUser]?.content)) : null,
    round: after.filter((m) => m.role === "assistant").length,
    toolResults,
    conversationKey: createHash("sha1").update(JSON.stringify(upToUser)).digest("hex"),
  };
}
