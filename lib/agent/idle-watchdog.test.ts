import { afterEach, describe, expect, it, vi } from "vitest";
import { IdleWatchdog } from "./idle-watchdog";

describe("IdleWatchdog", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("fires after ms without a touch, and not while touches keep coming", () => {
    vi.useFakeTimers();
    const dog = new IdleWatchdog(1_000, () => Date.now());
    dog.arm();
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(600);
      dog.touch();
    }
    expect(dog.fired).toBe(false);
    expect(dog.signal.aborted).toBe(false);
    vi.advanceTimersByTime(999);
    expect(dog.fired).toBe(false);
    vi.advanceTimersByTime(1);
    expect(dog.fired).toBe(true);
    expect(dog.signal.aborted).toBe(true);
  });

  it("never fires once stopped", () => {
    vi.useFakeTimers();
    const dog = new IdleWatchdog(100, () => Date.now());
    dog.arm();
    vi.advanceTimersByTime(50);
    dog.stop();
    vi.advanceTimersByTime(1_000);
    expect(dog.fired).toBe(false);
  });
});
