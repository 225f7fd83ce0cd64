// The controller's clock for notifying React: once per frame at most, however fast events arrive,
// and while an answer streams, no more often than RENDER_INTERVAL_MS.

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

/**
 * The shortest time between two renders of a streaming answer. A model sends 30–60 pieces a second
 * and a frame per piece re-renders the answer's last block, lays it out and paints it every time;
 * about 20 renders a second read as smooth, and cost less than half the main thread (the client rows of
 * `npm run bench`). The Vercel AI SDK's `experimental_throttle` makes the same trade.
 */
export const RENDER_INTERVAL_MS = 50;

/**
 * `frame`, but a callback runs no sooner than `intervalMs` after the previous one ran: the first
 * update after a quiet spell still comes on the next frame, a steady stream at most every interval.
 */
export function throttledFrames(
  intervalMs: number = RENDER_INTERVAL_MS,
  frame: ScheduleFrame = scheduleFrame,
  now: () => number = () => performance.now(),
): ScheduleFrame {
  let lastRan = Number.NEGATIVE_INFINITY;
  return (callback) => {
    const run = () =>
      frame(() => {
        lastRan = now();
        callback();
      });
    const wait = lastRan + intervalMs - now();
    if (wait <= 0) return run();
    let cancel: (() => void) | undefined;
    const timer = setTimeout(() => {
      cancel = run();
    }, wait);
    return () => {
      clearTimeout(timer);
      cancel?.();
    };
  };
}
