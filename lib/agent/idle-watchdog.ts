// The openai SDK's `timeout` only covers the wait for response headers, so a stream that stalls
// afterwards would hang for ever. The provider's reader touches this on every read of raw bytes
// (DeepSeek's `: keep-alive` comments included), and it aborts when they stop for `ms`.
//
// A touch only stores the time: the timer is not re-armed per chunk (thousands of chunks would mean
// thousands of timers); when it fires early it sleeps again for what is left.

export class IdleWatchdog {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private last = 0;
  fired = false;

  constructor(
    private readonly ms: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Starts (or restarts) the countdown from now. */
  arm(): void {
    this.last = this.now();
    clearTimeout(this.timer);
    this.schedule(this.ms);
  }

  /** Data arrived: the countdown starts again from now. */
  touch(): void {
    this.last = this.now();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(delay: number): void {
    this.timer = setTimeout(() => {
      const quiet = this.now() - this.last;
      if (quiet < this.ms) return this.schedule(this.ms - quiet);
      this.fired = true;
      this.controller.abort(new Error("provider idle timeout"));
    }, delay);
  }
}
