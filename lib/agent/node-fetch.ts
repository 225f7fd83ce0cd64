import "server-only";
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { streamChunks } from "@/lib/streams/stream-chunks";

// The provider client's `fetch`: node:http instead of the global fetch (undici). A streamed answer
// is thousands of small reads, and undici's fetch pays for each one twice (its WebAssembly HTTP
// parser, then a web ReadableStream); node:http parses in C++ and hands over Buffers. The answer's
// body is read straight from the IncomingMessage (`responseBody`); the web `body` of the Response
// is only bridged when something else reads it (the SDK reading an error's text).

/** Keep-alive connection pools, one per scheme (exported for the tests to watch). */
export const agents = {
  "http:": new HttpAgent({ keepAlive: true }),
  "https:": new HttpsAgent({ keepAlive: true }),
};

const incomingOf = new WeakMap<Response, IncomingMessage>();
/** Bodies read as Node streams, which the web body must then refuse. */
const taken = new WeakSet<IncomingMessage>();
/** Removes a response's abort listener: the body is over, or only being drained. */
const detachers = new WeakMap<IncomingMessage, () => void>();

/** A `fetch` for the provider's requests: string or byte bodies, abortable, keep-alive. */
export async function nodeFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  const url = new URL(input instanceof Request ? input.url : input);
  const agent = agents[url.protocol as keyof typeof agents];
  if (!agent) throw new TypeError(`fetch failed: unsupported protocol ${url.protocol}`);
  const signal = init.signal ?? undefined;
  signal?.throwIfAborted();
  const headers: Record<string, string> = {};
  for (const [name, value] of new Headers(init.headers)) headers[name] = value;
  const body = await requestBytes(init.body);
  if (body !== undefined) headers["content-length"] = String(body.byteLength);

  return new Promise<Response>((resolve, reject) => {
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const req = send(url, { method: init.method ?? "GET", headers, agent });
    const onAbort = () => req.destroy(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    const detach = () => signal?.removeEventListener("abort", onAbort);
    req.once("error", (error) => {
      detach();
      reject(signal?.aborted ? signal.reason : new TypeError("fetch failed", { cause: error }));
    });
    req.once("response", (incoming) => {
      // Once the body is over, an abort has nothing left to stop (and must not close a connection
      // that is back in the pool).
      incoming.once("end", detach);
      incoming.once("close", detach);
      detachers.set(incoming, detach);
      const response = new Response(nullBodyStatus(incoming.statusCode) ? null : lazyWebBody(incoming), {
        status: incoming.statusCode ?? 502,
        statusText: incoming.statusMessage ?? "",
        headers: responseHeaders(incoming),
      });
      incomingOf.set(response, incoming);
      resolve(response);
    });
    req.end(body);
  });
}

/**
 * The body of a response from `nodeFetch` as Node Buffers, without the web stream; any other
 * response's body through its reader. A connection lost mid-body throws `TypeError("terminated")`,
 * as fetch does.
 *
 * Leaving early closes the connection, unless `complete()` says the reader has all it wanted (the
 * provider's `[DONE]`): then the rest of the body is read in the background, for up to a second,
 * so the connection goes back to the pool instead of a new one being opened for the next round.
 */
export function responseBody(
  response: Response,
  complete: () => boolean = () => false,
): AsyncGenerator<Uint8Array, void> {
  const incoming = incomingOf.get(response);
  if (!incoming || response.bodyUsed) return response.body ? streamChunks(response.body) : noBytes();
  incomingOf.delete(response);
  taken.add(incoming);
  return nodeBody(incoming, complete);
}

async function* noBytes(): AsyncGenerator<Uint8Array, void> {}

/** How many unread reads may wait before the socket is paused (backpressure to the provider). */
const HIGH_WATER = 32;

/**
 * The IncomingMessage's data events as an async iterator. Lighter than the stream's own iterator,
 * which waits for a 'readable' tick per read: this runs once per network read of every answer.
 */
async function* nodeBody(
  incoming: IncomingMessage,
  complete: () => boolean,
): AsyncGenerator<Uint8Array, void> {
  const queue: Buffer[] = [];
  let ended = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  const onData = (chunk: Buffer) => {
    queue.push(chunk);
    if (queue.length >= HIGH_WATER) incoming.pause();
    notify();
  };
  const onEnd = () => {
    ended = true;
    notify();
  };
  const onError = (error: Error) => {
    failure ??= error;
    notify();
  };
  const onClose = () => {
    if (!ended) onError(new Error("the connection closed before the body ended"));
  };
  incoming.on("data", onData);
  incoming.on("end", onEnd);
  incoming.on("error", onError);
  incoming.on("close", onClose);
  let read = 0;
  try {
    for (;;) {
      if (read < queue.length) {
        const chunk = queue[read++] as Buffer;
        if (read === queue.length) {
          queue.length = 0;
          read = 0;
          if (incoming.isPaused()) incoming.resume();
        }
        yield chunk;
        continue;
      }
      if (ended) return;
      if (failure) throw new TypeError("terminated", { cause: failure });
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    incoming.off("data", onData);
    incoming.off("end", onEnd);
    incoming.off("error", onError);
    incoming.off("close", onClose);
    if (!ended) {
      if (complete()) drain(incoming);
      else incoming.destroy();
    }
  }
}

const DRAIN_MS = 1_000;

function drain(incoming: IncomingMessage): void {
  detachers.get(incoming)?.();
  if (incoming.readableEnded || incoming.destroyed) return;
  const timer = setTimeout(() => incoming.destroy(), DRAIN_MS);
  timer.unref();
  incoming.once("close", () => clearTimeout(timer));
  incoming.on("error", () => {});
  incoming.resume();
}

async function requestBytes(body: RequestInit["body"]): Promise<Uint8Array | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") return Buffer.from(body);
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  // Anything else (a Blob, form data, a stream) through the web Request, which knows them all.
  return new Uint8Array(
    await new Request("http://body.invalid", {
      method: "POST",
      body,
      duplex: "half",
    } as RequestInit).arrayBuffer(),
  );
}

function nullBodyStatus(status: number | undefined): boolean {
  return status === 101 || status === 204 || status === 205 || status === 304;
}

function responseHeaders(incoming: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = incoming.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
  return headers;
}

/** A web stream over the IncomingMessage that attaches to it only when first read. */
function lazyWebBody(incoming: IncomingMessage): ReadableStream<Uint8Array> {
  let iterator: AsyncIterator<Buffer> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (taken.has(incoming)) return controller.error(new TypeError("body already read"));
        iterator ??= incoming[Symbol.asyncIterator]();
        try {
          const next = await iterator.next();
          if (next.done) controller.close();
          else controller.enqueue(new Uint8Array(next.value));
        } catch (error) {
          controller.error(new TypeError("terminated", { cause: error }));
        }
      },
      cancel() {
        incoming.destroy();
      },
    },
    { highWaterMark: 0 },
  );
}
