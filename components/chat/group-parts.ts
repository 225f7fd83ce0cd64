import type { ErrorPart, ReasoningPart, TextPart, ToolPart, UIPart } from "@/lib/chat-client/types";

// A message's parts as the reader sees them: consecutive tool calls (one round) become one group.

export type PartGroup =
  | { kind: "reasoning"; key: string; part: ReasoningPart }
  | { kind: "text"; key: string; part: TextPart }
  | { kind: "error"; key: string; part: ErrorPart }
  | { kind: "tools"; key: string; parts: ToolPart[] };

export function groupParts(parts: readonly UIPart[]): PartGroup[] {
  const groups: PartGroup[] = [];
  parts.forEach((part, index) => {
    const key = `${part.type}-${index}`;
    if (part.type === "tool") {
      const last = groups.at(-1);
      if (last?.kind === "tools") last.parts.push(part);
      else groups.push({ kind: "tools", key, parts: [part] });
    } else if (part.type === "reasoning") groups.push({ kind: "reasoning", key, part });
    else if (part.type === "text") groups.push({ kind: "text", key, part });
    else if (part.type === "error") groups.push({ kind: "error", key, part });
    // A file is a user message's: its chips, not the answer's parts, show it.
  });
  return groups;
}
