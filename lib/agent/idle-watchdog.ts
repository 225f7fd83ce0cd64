// The openai SDK's `timeout` only covers the wait for response headers, and it skips SSE comments,
// so a stream that stalls afterwards would hang for ever. This watches the raw bytes instead
// (DeepSeek's `: keep-alive` comments included) and aborts when they stop.

export class IdleWatchdog {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  fired = false;

  constructor(private readonly ms: number) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  arm(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.fired = true;
      this.controller.abort(new Error("provider idle timeout"));
    }, this.ms);
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  /** A fetch whose response body re-arms the watchdog on every byte received. */
  watch(inner: typeof fetch): typeof fetch {
    return async (input, init) => {
      const response = await inner(input, init);
      this.arm();
      if (!response.body) return response;
      const body = response.body.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform: (chunk, controller) => {
            this.arm();
            controller.enqueue(chunk);
          },
        }),
      );
      return new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    };
  }
}
