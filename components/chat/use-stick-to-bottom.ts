"use client";

import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";

const NEAR_BOTTOM_PX = 64;

/**
 * Keeps a scroll container pinned to its end while content grows (a streaming answer), and lets go
 * as soon as the reader scrolls up: reading an earlier paragraph must not be yanked away. Pinned
 * again by scrolling back down or by `scrollToBottom` (Jump to latest, sending a message). A new
 * `hold` (a search hit to show) lets go too: the view goes to that message, not to the end.
 */
export function useStickToBottom(hold?: unknown) {
  const scrollRef = useRef<HTMLElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const [atBottom, setAtBottom] = useState(true);

  // In the commit that shows the message, before the next frame's resize callback could pin the
  // view to the end again (a passive effect can run after that frame on a busy machine).
  useLayoutEffect(() => {
    if (hold === undefined) return;
    pinned.current = false;
    setAtBottom(false);
  }, [hold]);

  useEffect(() => {
    const scroller = scrollRef.current;
    const content = contentRef.current;
    if (!scroller || !content) return;
    const distance = () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;
    let lastTop = scroller.scrollTop;
    // Scroll events arrive a frame late, when more text may already have grown the page: being
    // far from the end then says nothing. Only moving up is the reader's doing.
    const onScroll = () => {
      const top = scroller.scrollTop;
      if (distance() < NEAR_BOTTOM_PX) pinned.current = true;
      else if (top < lastTop - 1) pinned.current = false;
      lastTop = top;
      setAtBottom(pinned.current);
    };
    // A wheel turned upwards is intent even before the position moves.
    const onWheel = (event: WheelEvent) => {
      if (event.deltaY < 0 && scroller.scrollTop > 0) {
        pinned.current = false;
        setAtBottom(false);
      }
    };
    const observer = new ResizeObserver(() => {
      if (pinned.current) {
        scroller.scrollTop = scroller.scrollHeight;
        lastTop = scroller.scrollTop;
      } else setAtBottom(distance() < NEAR_BOTTOM_PX);
    });
    observer.observe(content);
    scroller.addEventListener("scroll", onScroll, { passive: true });
    scroller.addEventListener("wheel", onWheel, { passive: true });
    return () => {
      observer.disconnect();
      scroller.removeEventListener("scroll", onScroll);
      scroller.removeEventListener("wheel", onWheel);
    };
  }, []);

  const scrollToBottom = useCallback((behavior: ScrollBehavior = "auto") => {
    const scroller = scrollRef.current;
    pinned.current = true;
    setAtBottom(true);
    scroller?.scrollTo({ top: scroller.scrollHeight, behavior });
  }, []);

  return { scrollRef, contentRef, atBottom, scrollToBottom };
}
