// When a dropped answer tries to re-attach, and when a quiet connection counts as dropped. Time
// comes from an injected clock, so tests move it by hand instead of waiting.

export interface Clock {
  now(): number;
  /** Runs `callback` once `ms` have passed; returns a function that cancels it. */
  after(ms: number, callback: () => void): () => void;
}

const systemClock: Clock = {
  now: () => Date.now(),
  after(ms, callback) {
    const timer = setTimeout(callback, ms);
    return () => clearTimeout(timer);
  },
};

/** How long a dropped answer keeps trying to re-attach: the server keeps it 10 minutes (RESUME_TTL_S). */
export const RECONNECT_WINDOW_MS = 10 * 60 * 1000;
/** Three missed pings: the connection is dead even if the socket has not said so. */
export const STALL_TIMEOUT_MS = 45_000;

/**
 * Waits before re-attach attempt `attempt` (0, 1, …); resolves early when the browser comes back
 * online, and false when the answer should stop trying.
 */
export type ReconnectDelay = (attempt: number, signal: AbortSignal) => Promise<boolean>;

interface ReconnectPolicyOptions {
  /** By default defaultReconnectDelay(), its window starting at the first re-attach. */
  delay?: ReconnectDelay | undefined;
  /** A resumable answer's connection silent this long (not even a ping) is dropped and re-attached. */
  stallTimeoutMs?: number | undefined;
  clock?: Clock | undefined;
}

export class ReconnectPolicy {
  private readonly clock: Clock;

  constructor(private readonly options: ReconnectPolicyOptions = {}) {
    this.clock = options.clock ?? systemClock;
  }

  /** The attempts of one dropped answer; `immediately` skips the wait before the first. */
  backoff(immediately: boolean): Backoff {
    return new Backoff(
      this.options.delay ?? defaultReconnectDelay(this.clock.now(), this.clock),
      immediately,
    );
  }

  /**
   * A resumable answer loses nothing by dropping a dead connection, so drop it early: when the
   * browser goes offline (the socket may linger for minutes), or when not even a ping came for a
   * while (the server pings every 15 s). Call alive() on every item that arrives.
   */
  watch(connection: AbortController): StallWatch {
    return new StallWatch(
      this.options.stallTimeoutMs ?? STALL_TIMEOUT_MS,
      () => connection.abort(),
      this.clock,
    );
  }
}

/** Counts one dropped answer's attempts; the count starts again after an attempt made progress. */
export class Backoff {
  private attempt: number;

  constructor(
    private readonly delay: ReconnectDelay,
    immediately: boolean,
  ) {
    this.attempt = immediately ? -1 : 0;
  }

  /** Waits before the next attempt; false when the answer should stop trying. */
  next(signal: AbortSignal): Promise<boolean> {
    const attempt = this.attempt++;
    return attempt < 0 ? Promise.resolve(true) : this.delay(attempt, signal);
  }

  /** Events came through: the next drop starts its backoff afresh. */
  progressed(): void {
    this.attempt = 0;
  }
}

/**
 * A countdown that activity keeps pushing back. An item only notes the time; the timer is not
 * re-armed per item (a long answer is thousands): when it fires early it sleeps again for what is
 * left of the silence.
 */
class StallWatch {
  private last: number;
  private cancel: () => void = () => {};
  private readonly drop: () => void;

  constructor(
    private readonly ms: number,
    onStall: () => void,
    private readonly clock: Clock,
  ) {
    this.last = clock.now();
    this.drop = () => {
      this.stop();
      onStall();
    };
    this.schedule(ms);
    globalThis.addEventListener?.("offline", this.drop);
  }

  alive(): void {
    this.last = this.clock.now();
  }

  stop(): void {
    this.cancel();
    globalThis.removeEventListener?.("offline", this.drop);
  }

  private schedule(delay: number): void {
    this.cancel = this.clock.after(delay, () => {
      const quiet = this.clock.now() - this.last;
      if (quiet < this.ms) this.schedule(this.ms - quiet);
      else this.drop();
    });
  }
}

/**
 * The default wait before re-attach attempt `attempt`: 0.25 s doubling to 10 s, with jitter so a
 * server that comes back is not hit by every tab at once; while the browser says it is offline,
 * until it is online again. False after RECONNECT_WINDOW_MS from `since`, or when aborted.
 */
export function defaultReconnectDelay(since: number, clock: Clock = systemClock): ReconnectDelay {
  return (attempt, signal) => {
    if (clock.now() - since > RECONNECT_WINDOW_MS || signal.aborted) return Promise.resolve(false);
    const base = Math.min(10_000, 250 * 2 ** attempt);
    const delay = base / 2 + Math.random() * (base / 2);
    return new Promise((resolve) => {
      const offline = typeof navigator !== "undefined" && navigator.onLine === false;
      const done = (value: boolean) => {
        cancel();
        signal.removeEventListener("abort", onAbort);
        globalThis.removeEventListener?.("online", onOnline);
        resolve(value);
      };
      const onAbort = () => done(false);
      const onOnline = () => done(true);
      // Offline: no point knocking; wait for the browser to say the network is back (or the cap).
      const cancel = clock.after(offline ? Math.max(delay, 30_000) : delay, () => done(true));
      signal.addEventListener("abort", onAbort, { once: true });
      globalThis.addEventListener?.("online", onOnline, { once: true });
    });
  };
}
