"use client";

import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { EMPTY_WINDOW, fitWindow, reveal, showEarlier } from "./message-window";

/** Within this distance of the top, the next step of earlier messages mounts. */
const NEAR_TOP_PX = 800;

/**
 * Which of a conversation's messages are mounted (see message-window.ts): the first `hidden` are
 * not. Scrolling near the top, or the list's "show earlier" button, mounts another step, and the
 * reader's view stays where it was: what was on screen does not move. A `target` message (a search
 * hit) is always mounted.
 */
export function useMessageWindow(key: string | null, count: number, target?: number) {
  const [state, setState] = useState(EMPTY_WINDOW);
  const fitted = fitWindow(state, key, count);
  const window = target === undefined ? fitted : reveal(fitted, target);
  // Derived in render, so the first paint of another conversation already has its window.
  if (window !== state) setState(window);

  const listRef = useRef<HTMLDivElement>(null);
  /**
   * The first message in view and where it was before a step: put back there after it. Anchored
   * on a message, not on the distance from the content's end, because the same commit may change
   * what is below (the server's copy replacing the cached one).
   */
  const anchor = useRef<Anchor | null>(null);

  const more = useCallback(() => {
    anchor.current = firstInView(listRef.current);
    setState(showEarlier);
  }, []);

  const { hidden } = window;
  useLayoutEffect(() => {
    const scroller = scrollParent(listRef.current);
    if (!scroller) return;
    const held = anchor.current;
    anchor.current = null;
    const element = held && listRef.current?.querySelector(`[data-message-id="${CSS.escape(held.id)}"]`);
    if (held && element) scroller.scrollTop += element.getBoundingClientRect().top - held.top;
    // Too few to scroll: nothing could bring the reader near the top, so show more now.
    if (hidden > 0 && scroller.scrollHeight <= scroller.clientHeight) more();
  }, [hidden, more]);

  useEffect(() => {
    const scroller = scrollParent(listRef.current);
    if (!scroller || hidden === 0) return;
    // A scroll event, not a visibility observer: a conversation mounts before it is scrolled to
    // its end, and its top is in view for that moment without the reader going there.
    const onScroll = () => {
      if (scroller.scrollTop < NEAR_TOP_PX) more();
    };
    scroller.addEventListener("scroll", onScroll, { passive: true });
    return () => scroller.removeEventListener("scroll", onScroll);
  }, [hidden, more]);

  return { hidden, more, listRef };
}

interface Anchor {
  id: string;
  /** Its top, relative to the window. */
  top: number;
}

function firstInView(list: HTMLElement | null): Anchor | null {
  const scroller = scrollParent(list);
  if (!list || !scroller) return null;
  const viewTop = scroller.getBoundingClientRect().top;
  for (const element of list.querySelectorAll<HTMLElement>("[data-message-id]")) {
    const { top, bottom } = element.getBoundingClientRect();
    const id = element.dataset.messageId;
    if (bottom > viewTop && id) return { id, top };
  }
  return null;
}

function scrollParent(element: HTMLElement | null): HTMLElement | null {
  for (let node = element?.parentElement ?? null; node; node = node.parentElement) {
    const { overflowY } = getComputedStyle(node);
    if (overflowY === "auto" || overflowY === "scroll") return node;
  }
  return null;
}
