"use client";

import { type RefObject, useLayoutEffect } from "react";

/** Fits a textarea's height to its text, up to `maxPx` (then it scrolls). Runs before paint: no jump. */
export function useAutoGrow(ref: RefObject<HTMLTextAreaElement | null>, value: string, maxPx: number): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: the height depends on the text in the DOM, which `value` drives.
  useLayoutEffect(() => {
    const area = ref.current;
    if (!area) return;
    area.style.height = "auto";
    area.style.height = `${Math.min(area.scrollHeight, maxPx)}px`;
    area.style.overflowY = area.scrollHeight > maxPx ? "auto" : "hidden";
  }, [ref, value, maxPx]);
}
