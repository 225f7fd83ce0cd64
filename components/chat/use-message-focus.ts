"use client";

import { type RefObject, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { MessageFocus } from "@/lib/chat-client/server-history";

/** How long a message opened from search stays marked. */
const MARK_MS = 2_500;

/**
 * Brings the focused message (a search hit) into view once it is mounted, once per request, and
 * says which message to mark for a moment.
 */
export function useMessageFocus(
  listRef: RefObject<HTMLDivElement | null>,
  focus: MessageFocus | undefined,
  mounted: boolean,
): string | undefined {
  const [marked, setMarked] = useState<string | undefined>();
  const done = useRef<number | null>(null);

  useLayoutEffect(() => {
    if (!focus || !mounted || done.current === focus.key) return;
    const selector = `[data-message-id="${CSS.escape(focus.messageId)}"]`;
    const element = listRef.current?.querySelector<HTMLElement>(selector);
    if (!element) return;
    done.current = focus.key;
    // A long answer shows from its start; a short message in the middle of the view.
    const place = () =>
      element.scrollIntoView({ block: element.offsetHeight > window.innerHeight * 0.6 ? "start" : "center" });
    place();
    setMarked(focus.messageId);
    // An answer's markdown and code blocks settle their height in the next frame.
    const frame = requestAnimationFrame(place);
    return () => cancelAnimationFrame(frame);
  }, [focus, mounted, listRef]);

  useEffect(() => {
    if (marked === undefined) return;
    const timer = setTimeout(() => setMarked(undefined), MARK_MS);
    return () => clearTimeout(timer);
  }, [marked]);

  return marked;
}
