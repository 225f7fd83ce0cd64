import { describe, expect, it } from "vitest";
import { EMPTY_WINDOW, fitWindow, reveal, showEarlier, WINDOW_STEP } from "./message-window";

describe("the window of mounted messages", () => {
  it("opens a long conversation at its end, and a short one whole", () => {
    expect(fitWindow(EMPTY_WINDOW, "a", 600)).toEqual({ key: "a", hidden: 600 - WINDOW_STEP, count: 600 });
    expect(fitWindow(EMPTY_WINDOW, "a", 10).hidden).toBe(0);
  });

  it("keeps what is hidden while turns are added below, and opens another conversation at its end", () => {
    const open = fitWindow(EMPTY_WINDOW, "a", 100);
    const grown = fitWindow(open, "a", 102);
    expect(grown.hidden).toBe(open.hidden);
    expect(fitWindow(grown, "a", 102)).toBe(grown);
    expect(fitWindow(grown, "b", 102).hidden).toBe(102 - WINDOW_STEP);
    // A new conversation has no id until its first question: it is shown whole as it grows.
    expect(fitWindow(fitWindow(EMPTY_WINDOW, null, 0), null, 2).hidden).toBe(0);
  });

  it("opens at the end again when a load brings many more messages (the server's copy after a cached one)", () => {
    const cached = fitWindow(EMPTY_WINDOW, "a", 0);
    expect(fitWindow(cached, "a", 300).hidden).toBe(300 - WINDOW_STEP);
    const short = fitWindow(EMPTY_WINDOW, "a", 10);
    expect(fitWindow(short, "a", 300).hidden).toBe(300 - WINDOW_STEP);
  });

  it("steps up to the first message, and never hides the whole of a shorter path", () => {
    let window = fitWindow(EMPTY_WINDOW, "a", 60);
    window = showEarlier(window);
    expect(window.hidden).toBe(60 - 2 * WINDOW_STEP);
    window = showEarlier(showEarlier(window));
    expect(window.hidden).toBe(0);
    // Another version of an early turn: the path is now 30 long, and the window still shows its end.
    const long = fitWindow(EMPTY_WINDOW, "a", 200);
    expect(fitWindow(long, "a", 30).hidden).toBe(30 - WINDOW_STEP);
  });

  it("mounts a search hit far above the window, with the message before it, and keeps its end", () => {
    const open = fitWindow(EMPTY_WINDOW, "a", 600);
    const shown = reveal(open, 10);
    expect(shown).toEqual({ key: "a", hidden: 9, count: 600 });
    // Already mounted, or the first message: nothing more to show.
    expect(reveal(shown, 300)).toBe(shown);
    expect(reveal(open, 0).hidden).toBe(0);
    // Turns added below keep it mounted.
    expect(fitWindow(shown, "a", 602).hidden).toBe(9);
  });
});
