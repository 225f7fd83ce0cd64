import { useRef } from "react";
import { answerSources, sameSources, type WebSource } from "@/lib/chat-client/answer-sources";
import type { UIPart } from "@/lib/chat-client/types";

/**
 * The answer's web sources, the same array while they stay the same: a streaming answer's parts
 * are a new array every frame, and a new sources array would re-parse every block of its Markdown.
 */
export function useAnswerSources(parts: readonly UIPart[]): readonly WebSource[] {
  const kept = useRef<readonly WebSource[]>([]);
  const found = answerSources(parts);
  if (!sameSources(kept.current, found)) kept.current = found;
  return kept.current;
}
