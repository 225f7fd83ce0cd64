import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type ScheduleFrame, throttledFrames } from "./schedule-frame";

// A frame is whatever the test says it is: callbacks wait in `pending` until `paint()`.
function fakeFrames() {
  const pending = new Set<() => void>();
  const frame: ScheduleFrame = (callback) => {
    pending.add(callback);
    return () => pending.delete(callback);
  };
  const paint = () => {
    const due = [...pending];
    pending.clear();
    for (const callback of due) callback();
  };
  return { frame, paint, pending };
}

describe("throttledFrames", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("runs the first update on the next frame, then at most once per interval", () => {
    const frames = fakeFrames();
    const schedule = throttledFrames(40, frames.frame, () => Date.now());
    const ran: number[] = [];
    const update = () => ran.push(Date.now());
    const start = Date.now();

    schedule(update);
    expect(frames.pending.size).toBe(1);
    frames.paint();
    expect(ran).toEqual([start]);

    // 10 ms later the next update waits for the interval before it even asks for a frame.
    vi.advanceTimersByTime(10);
    schedule(update);
    expect(frames.pending.size).toBe(0);
    vi.advanceTimersByTime(29);
    expect(frames.pending.size).toBe(0);
    vi.advanceTimersByTime(1);
    expect(frames.pending.size).toBe(1);
    frames.paint();
    expect(ran).toEqual([start, start + 40]);

    // After a quiet spell longer than the interval, straight to the next frame again.
    vi.advanceTimersByTime(500);
    schedule(update);
    expect(frames.pending.size).toBe(1);
    frames.paint();
    expect(ran).toHaveLength(3);
  });

  it("cancels an update that is still waiting for its interval, or for its frame", () => {
    const frames = fakeFrames();
    const schedule = throttledFrames(40, frames.frame, () => Date.now());
    const update = vi.fn();
    schedule(update);
    frames.paint();

    const waiting = schedule(update);
    waiting();
    vi.advanceTimersByTime(100);
    expect(frames.pending.size).toBe(0);

    const framed = schedule(update);
    expect(frames.pending.size).toBe(1);
    framed();
    expect(frames.pending.size).toBe(0);
    expect(update).toHaveBeenCalledTimes(1);
  });
});
