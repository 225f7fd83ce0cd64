"use client";

import { useEffect, useRef, useState } from "react";
import type { UIMessage } from "@/lib/chat-client/types";

const MAX_CHARS = 600;

/** The text for the live region: an answer once, when it finishes streaming (not on reload). */
export function useAnnouncement(messages: readonly UIMessage[], prefix: string): string {
  const [text, setText] = useState("");
  const last = messages.at(-1);
  const seen = useRef<{ id: string; status: UIMessage["status"] } | null>(null);

  useEffect(() => {
    if (last?.role !== "assistant") return;
    const before = seen.current;
    seen.current = { id: last.id, status: last.status };
    if (before?.id === last.id && before.status === "streaming" && last.status === "done") {
      const content = last.content.length > MAX_CHARS ? `${last.content.slice(0, MAX_CHARS)}…` : last.content;
      setText(`${prefix} ${content}`);
    }
  }, [last, prefix]);

  return text;
}
