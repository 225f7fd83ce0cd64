import type { RelayKind } from "./relay-stats";

// What each relay speaks to its client, and how the benchmark's client tells a reasoning or answer
// piece (a "token", one per upstream chunk) from everything else without parsing every JSON body:
// the formats are fixed, so a look at the event name or the type field is exact and cheap enough
// not to compete with the relay for the two cores.

export type Wire = "openai" | "ui-message" | "chat-events";
export type Target = RelayKind | "next";

export const WIRE_OF: Record<Target, Wire> = {
  raw: "openai",
  "ai-sdk": "ui-message",
  ours: "chat-events",
  floor: "chat-events",
  next: "chat-events",
};

export type BlockKind = "token" | "done" | "error" | "other";

/** The request each relay expects for one user prompt, thinking on. */
export function requestBody(wire: Wire, prompt: string, model: string): unknown {
  if (wire === "openai") {
    return {
      model,
      messages: [{ role: "user", content: prompt }],
      stream: true,
      thinking: { type: "enabled" },
    };
  }
  if (wire === "ui-message") {
    return { messages: [{ id: "u1", role: "user", parts: [{ type: "text", text: prompt }] }] };
  }
  return { messages: [{ role: "user", content: prompt }], thinking: true, model };
}

// A non-empty string value: `"content":"x"` is a piece, `"content":""` and `"content":null` are not.
const OPENAI_TEXT = /"(?:reasoning_)?content":"(?!")/;
const UI_TOKEN = /^data: \{"type":"(?:text|reasoning)-delta"/;

/** One SSE event block (the text between blank lines). */
export function classifyBlock(wire: Wire, block: string): BlockKind {
  if (wire === "chat-events") {
    const at = block.indexOf("event: ");
    if (at < 0) return "other";
    const end = block.indexOf("\n", at);
    const name = block.slice(at + 7, end < 0 ? undefined : end);
    if (name === "message" || name === "reasoning") return "token";
    if (name === "done") return "done";
    return name === "error" ? "error" : "other";
  }
  if (block === "data: [DONE]") return "done";
  if (wire === "ui-message") {
    if (UI_TOKEN.test(block)) return "token";
    return block.startsWith('data: {"type":"error"') ? "error" : "other";
  }
  if (!block.startsWith("data: ")) return "other";
  if (OPENAI_TEXT.test(block)) return "token";
  return block.startsWith('data: {"error"') ? "error" : "other";
}
