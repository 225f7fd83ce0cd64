import { type Dispatcher, request } from "undici";
import { classifyBlock, type Wire } from "./wires";

// The benchmark's client: one streamed POST over undici, split into SSE blocks as bytes arrive,
// with the time each reasoning/answer piece arrived. Times are `performance.timeOrigin +
// performance.now()`, the clock the upstream process stamps its sends with.

export const epochNow = () => performance.timeOrigin + performance.now();

export interface StreamOptions {
  url: string;
  wire: Wire;
  body: unknown;
  dispatcher: Dispatcher;
  timeoutMs: number;
  /** Keep every piece's arrival time (the concurrency runs need them; cost runs do not). */
  arrivals?: boolean;
}

export interface StreamResult {
  /** epoch ms when the request was sent. */
  sentAt: number;
  status: number;
  /** ms from sending to the first body byte / the first reasoning or answer piece. */
  firstByteMs: number | undefined;
  firstTokenMs: number | undefined;
  totalMs: number;
  /** Response body bytes (after any transfer framing; none of these relays compresses). */
  bytes: number;
  tokens: number;
  /** epoch ms of each piece's arrival, in order, when asked for. */
  arrivals: number[];
  failure: string | undefined;
}

export async function streamOnce(options: StreamOptions): Promise<StreamResult> {
  const sentAt = epochNow();
  const result: StreamResult = {
    sentAt,
    status: 0,
    firstByteMs: undefined,
    firstTokenMs: undefined,
    totalMs: 0,
    bytes: 0,
    tokens: 0,
    arrivals: [],
    failure: undefined,
  };
  const signal = AbortSignal.timeout(options.timeoutMs);
  let done = false;
  try {
    const response = await request(options.url, {
      method: "POST",
      dispatcher: options.dispatcher,
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify(options.body),
      signal,
    });
    result.status = response.statusCode;
    if (response.statusCode !== 200) {
      result.failure = `HTTP ${response.statusCode}: ${(await response.body.text()).slice(0, 200)}`;
      return result;
    }
    const decoder = new TextDecoder();
    let buffer = "";
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      const at = epochNow();
      result.firstByteMs ??= at - sentAt;
      result.bytes += chunk.length;
      buffer += decoder.decode(chunk, { stream: true });
      let start = 0;
      for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n", start)) {
        const kind = classifyBlock(options.wire, buffer.slice(start, end));
        start = end + 2;
        if (kind === "token") {
          result.tokens++;
          result.firstTokenMs ??= at - sentAt;
          if (options.arrivals) result.arrivals.push(at);
        } else if (kind === "done") done = true;
        else if (kind === "error") result.failure ??= "an error event in the stream";
      }
      buffer = buffer.slice(start);
    }
    if (!done) result.failure ??= "the stream ended without its final event";
  } catch (error) {
    result.failure ??= `${(error as Error).name}: ${(error as Error).message}`;
  } finally {
    result.totalMs = epochNow() - sentAt;
  }
  return result;
}
