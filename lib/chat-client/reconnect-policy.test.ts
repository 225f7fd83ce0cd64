import { describe, expect, it } from "vitest";
import {
  Backoff,
  type Clock,
  defaultReconnectDelay,
  RECONNECT_WINDOW_MS,
  ReconnectPolicy,
  STALL_TIMEOUT_MS,
} from "./reconnect-policy";

/** A clock that moves only when the test says so, running the timers it passes in order. */
function manualClock() {
  let now = 0;
  const timers: { at: number; callback: () => void; live: boolean }[] = [];
  const clock: Clock = {
    now: () => now,
    after(ms, callback) {
      const timer = { at: now + ms, callback, live: true };
      timers.push(timer);
      return () => {
        timer.live = false;
      };
    },
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const next = timers.filter((t) => t.live && t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      next.live = false;
      now = next.at;
      next.callback();
    }
    now = until;
  };
  const waits = () => timers.filter((t) => t.live).map((t) => t.at - now);
  return { clock, advance, waits };
}

const signal = () => new AbortController().signal;

describe("Backoff", () => {
  it("counts attempts from 0, skips the first wait when asked, and starts again after progress", async () => {
    const asked: number[] = [];
    const delay = async (attempt: number) => {
      asked.push(attempt);
      return attempt < 5;
    };
    const backoff = new Backoff(delay, true);
    await expect(backoff.next(signal())).resolves.toBe(true); // immediately: no wait
    await backoff.next(signal());
    await backoff.next(signal());
    backoff.progressed();
    await backoff.next(signal());
    expect(asked).toEqual([0, 1, 0]);
    const patient = new Backoff(delay, false);
    for (let i = 0; i < 5; i++) await patient.next(signal());
    await expect(patient.next(signal())).resolves.toBe(false);
  });
});

describe("defaultReconnectDelay", () => {
  it("waits 0.25 s doubling to 10 s, with jitter in the upper half", async () => {
    const { clock, advance, waits } = manualClock();
    const wait = defaultReconnectDelay(clock.now(), clock);
    for (const [attempt, base] of [
      [0, 250],
      [3, 2000],
      [10, 10_000],
    ] as const) {
      const resolved = wait(attempt, signal());
      const [ms] = waits();
      expect(ms).toBeGreaterThanOrEqual(base / 2);
      expect(ms).toBeLessThanOrEqual(base);
      advance(base);
      await expect(resolved).resolves.toBe(true);
    }
  });

  it("answers false once the window has closed, or when aborted", async () => {
    const { clock, advance } = manualClock();
    const wait = defaultReconnectDelay(clock.now(), clock);
    const abort = new AbortController();
    const waiting = wait(0, abort.signal);
    abort.abort();
    await expect(waiting).resolves.toBe(false);
    advance(RECONNECT_WINDOW_MS + 1);
    await expect(wait(0, signal())).resolves.toBe(false);
  });
});

describe("ReconnectPolicy.watch", () => {
  it("drops a connection after the stall timeout of silence; each item puts it off", () => {
    const { clock, advance } = manualClock();
    const policy = new ReconnectPolicy({ stallTimeoutMs: 1000, clock });
    const connection = new AbortController();
    const watch = policy.watch(connection);
    advance(900);
    watch.alive();
    advance(900);
    expect(connection.signal.aborted).toBe(false);
    advance(100);
    expect(connection.signal.aborted).toBe(true);
  });

  it("by default waits three missed pings, and leaves the connection alone once stopped", () => {
    const { clock, advance } = manualClock();
    const policy = new ReconnectPolicy({ clock });
    const watched = new AbortController();
    const stopped = new AbortController();
    policy.watch(watched);
    policy.watch(stopped).stop();
    advance(STALL_TIMEOUT_MS - 1);
    expect(watched.signal.aborted).toBe(false);
    advance(1);
    expect(watched.signal.aborted).toBe(true);
    expect(stopped.signal.aborted).toBe(false);
  });

  it("a backoff without an injected delay uses the policy's clock for its window", async () => {
    const { clock, advance } = manualClock();
    const backoff = new ReconnectPolicy({ clock }).backoff(false);
    advance(RECONNECT_WINDOW_MS + 1);
    await expect(backoff.next(signal())).resolves.toBe(false);
  });
});
