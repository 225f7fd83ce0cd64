// A long conversation opens at its end with only its last messages mounted; earlier ones mount in
// steps as the reader scrolls up to them. Mounting all of them would parse and lay out every
// answer's markdown before the last one paints (a 300-turn conversation holds about 2 MB), and
// every frame of a streaming answer would then reconcile the whole list.

/** Messages mounted when a conversation opens, and added by each step upwards. */
export const WINDOW_STEP = 24;

export interface MessageWindow {
  /** The conversation the window belongs to: another one opens at its own end. */
  key: string | null;
  /** How many of the oldest messages are not mounted. Counted from the start, so new turns and
   * a streaming answer appear below without moving what is shown. */
  hidden: number;
  /** The messages there were: a jump of more than a step is a load (the server's copy arriving
   * after the browser's older one), which opens at the end again. */
  count: number;
}

export const EMPTY_WINDOW: MessageWindow = { key: null, hidden: 0, count: 0 };

/** The window for these messages: unchanged while it still fits, else opened at the end. */
export function fitWindow(window: MessageWindow, key: string | null, count: number): MessageWindow {
  if (window.key !== key || count - window.count > WINDOW_STEP) {
    return { key, hidden: Math.max(0, count - WINDOW_STEP), count };
  }
  // Another version of an earlier turn can make the path shorter: never hide everything.
  const hidden = Math.min(window.hidden, Math.max(0, count - WINDOW_STEP));
  return hidden === window.hidden && count === window.count ? window : { key, hidden, count };
}

/** One step further up. */
export function showEarlier(window: MessageWindow): MessageWindow {
  return { ...window, hidden: Math.max(0, window.hidden - WINDOW_STEP) };
}

/** The window with message `index` mounted (a search hit), and the one before it for context. */
export function reveal(window: MessageWindow, index: number): MessageWindow {
  const hidden = Math.min(window.hidden, Math.max(0, index - 1));
  return hidden === window.hidden ? window : { ...window, hidden };
}
