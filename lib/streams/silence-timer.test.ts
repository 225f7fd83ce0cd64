import { afterEach, describe, expect, it, vi } from "vitest";
import { SilenceTimer } from "./silence-timer";

describe("SilenceTimer", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("counts silence from the last touch, and again when its callback restarts it", () => {
    vi.useFakeTimers();
    const heard: number[] = [];
    const start = Date.now();
    const timer: SilenceTimer = new SilenceTimer(
      100,
      () => {
        heard.push(Date.now() - start);
        timer.start();
      },
      { now: () => Date.now() },
    );
    timer.start();
    vi.advanceTimersByTime(80);
    timer.touch();
    vi.advanceTimersByTime(99);
    expect(heard).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(heard).toEqual([180]);
    vi.advanceTimersByTime(100);
    expect(heard).toEqual([180, 280]);
    timer.stop();
    vi.advanceTimersByTime(1_000);
    expect(heard).toEqual([180, 280]);
  });
});
