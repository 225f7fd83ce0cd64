import type { ToolPart } from "@/lib/chat-client/types";
import { ToolCard } from "./tool-card";

/** The calls of one round, side by side in one box; they ran concurrently. */
interface ToolGroupProps {
  parts: ToolPart[];
  live: boolean;
  label: string;
  /** The running answer's stream, for a call that waits for the user's decision. */
  streamId?: string | undefined;
}

export function ToolGroup({ parts, live, label, streamId }: ToolGroupProps) {
  return (
    <section data-testid="tool-group" aria-label={label} className="space-y-2">
      {parts.length > 1 && <p className="text-neutral-500 text-xs dark:text-neutral-400">{label}</p>}
      {parts.map((part) => (
        <ToolCard key={part.id} part={part} live={live} streamId={streamId} />
      ))}
    </section>
  );
}
