import { SilenceTimer } from "@/lib/streams/silence-timer";

// The openai SDK's `timeout` only covers the wait for response headers, so a stream that stalls
// afterwards would hang for ever. The provider's reader touches this on every read of raw bytes
// (DeepSeek's `: keep-alive` comments included), and it aborts when they stop for `ms`.

export class IdleWatchdog {
  private readonly controller = new AbortController();
  private readonly silence: SilenceTimer;
  fired = false;

  constructor(ms: number, now: () => number = () => performance.now()) {
    this.silence = new SilenceTimer(
      ms,
      () => {
        this.fired = true;
        this.controller.abort(new Error("provider idle timeout"));
      },
      { now },
    );
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Starts (or restarts) the countdown from now. */
  arm(): void {
    this.silence.start();
  }

  /** Data arrived: the countdown starts again from now. */
  touch(): void {
    this.silence.touch();
  }

  stop(): void {
    this.silence.stop();
  }
}
