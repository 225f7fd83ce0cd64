// An answer's time cap (ANSWER_TIMEOUT_MS) that stops while the answer waits for the user
// (PROTOCOL.md section 24): time spent waiting for a decision is the user's, not the answer's.
// Pauses nest, so that several calls of one round can wait at once.

export class PausableDeadline {
  readonly #controller = new AbortController();
  #remaining: number;
  #since = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #pauses = 0;

  constructor(
    ms: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.#remaining = ms;
    this.#start();
  }

  /** Aborts, with a TimeoutError like AbortSignal.timeout's, once the running time is spent. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  pause(): void {
    if (this.#pauses++ > 0 || this.signal.aborted) return;
    clearTimeout(this.#timer);
    this.#remaining -= this.now() - this.#since;
  }

  resume(): void {
    if (this.#pauses === 0 || --this.#pauses > 0 || this.signal.aborted) return;
    this.#start();
  }

  #start(): void {
    this.#since = this.now();
    this.#timer = setTimeout(
      () => this.#controller.abort(new DOMException("The answer's time cap passed.", "TimeoutError")),
      Math.max(0, this.#remaining),
    );
    // Like AbortSignal.timeout: a cap never keeps a process alive on its own.
    this.#timer.unref?.();
  }
}
