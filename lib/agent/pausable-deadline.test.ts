import { afterEach, describe, expect, it, vi } from "vitest";
import { PausableDeadline } from "./pausable-deadline";

describe("PausableDeadline", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("aborts with a TimeoutError once its running time is spent, not counting paused time", () => {
    vi.useFakeTimers();
    let now = 0;
    const deadline = new PausableDeadline(1_000, () => now);
    now = 600;
    vi.advanceTimersByTime(600);
    deadline.pause();
    deadline.pause();
    now = 10_600;
    vi.advanceTimersByTime(10_000);
    deadline.resume();
    expect(deadline.signal.aborted).toBe(false);
    deadline.resume();
    now = 10_999;
    vi.advanceTimersByTime(399);
    expect(deadline.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(deadline.signal.aborted).toBe(true);
    expect((deadline.signal.reason as DOMException).name).toBe("TimeoutError");
  });
});
