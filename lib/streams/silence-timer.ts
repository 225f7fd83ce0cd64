// A countdown that activity keeps pushing back: `onSilence` runs once `ms` pass without a touch().
// A touch only notes the time; the timer is not re-armed per touch (a long answer is thousands of
// them): when it fires early it sleeps again for what is left of the silence. The SSE encoder's
// ping and the provider's idle watchdog both run on it.

export interface SilenceTimerOptions {
  now?: () => number;
  /** The timer alone does not keep the process alive (a CLI must be able to exit). */
  unref?: boolean;
}

export class SilenceTimer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private last = 0;
  private readonly now: () => number;

  constructor(
    private readonly ms: number,
    private readonly onSilence: () => void,
    private readonly options: SilenceTimerOptions = {},
  ) {
    this.now = options.now ?? (() => performance.now());
  }

  /** Starts (or restarts) the countdown from now; onSilence may call it to count again. */
  start(): void {
    this.last = this.now();
    clearTimeout(this.timer);
    this.schedule(this.ms);
  }

  /** Activity: the silence starts again from now. */
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
      this.onSilence();
    }, delay);
    if (this.options.unref) this.timer.unref?.();
  }
}
