// The controller's clock for notifying React: once per frame at most, however fast events arrive.

/** Runs `callback` before the next paint; returns a function that cancels it. */
export type ScheduleFrame = (callback: () => void) => () => void;

// requestAnimationFrame stops in hidden tabs; a timer keeps a background answer (and its
// persistence) moving, at the browser's throttled pace. Node (tests, SSR) has only the timer.
export const scheduleFrame: ScheduleFrame = (callback) => {
  if (typeof requestAnimationFrame === "function" && globalThis.document?.visibilityState !== "hidden") {
    const id = requestAnimationFrame(() => callback());
    return () => cancelAnimationFrame(id);
  }
  const id = setTimeout(callback, 16);
  return () => clearTimeout(id);
};
