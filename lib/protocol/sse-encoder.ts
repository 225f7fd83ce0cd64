import { SilenceTimer } from "@/lib/streams/silence-timer";
import type { ChatEvent, EventName } from "./events";

// PROTOCOL.md section 2: one event is `id`, `event` and a one-line JSON `data`, then a blank line.
// JSON.stringify escapes every CR and LF inside strings, so `data` can never spill onto a second line.

export const PING_COMMENT = ": ping\n\n";
export const DONE_EVENT = "event: done\ndata: [DONE]\n\n";
const PING_INTERVAL_MS = 15_000;

export function encodeEvent(id: number, event: ChatEvent): string {
  return encodeFrame(event.event, JSON.stringify(event.data), id);
}

/**
 * One event whose data is already a line of JSON (an event kept by the resume store). Without an
 * id it stands outside the answer's numbering, so a reader's Last-Event-ID stays where it was.
 */
export function encodeFrame(event: EventName, data: string, id?: number): string {
  return `${id === undefined ? "" : `id: ${id}\n`}event: ${event}\ndata: ${data}\n\n`;
}

export interface SseStreamOptions {
  /** Aborted when the reader cancels the stream (the client went away). */
  abort?: AbortController;
  pingIntervalMs?: number;
  /** The id of the first event; 1 unless a stream is resumed. */
  firstId?: number;
}

/**
 * Turns the agent's events into the SSE byte stream: ids from 1, a `: ping` after every 15 s of
 * silence, `done` after `end`. Pull-based, so a slow reader slows the loop instead of buffering it.
 * Cancelling the stream aborts the loop and closes its iterator.
 */
export function toSseStream(
  events: AsyncIterable<ChatEvent>,
  options: SseStreamOptions = {},
): ReadableStream<Uint8Array> {
  let id = options.firstId ?? 1;
  return frameStream(events, (event) => encodeEvent(id++, event), options);
}

/**
 * The byte stream for frames that are already encoded (a resumed stream's stored events): pings
 * while nothing comes, `done` once the frames end. Cancelling aborts `options.abort` and closes them.
 */
export function sseFrameStream(
  frames: AsyncIterable<string>,
  options: Omit<SseStreamOptions, "firstId"> = {},
): ReadableStream<Uint8Array> {
  return frameStream(frames, (frame) => frame, options);
}

// Buffer.from takes small strings from Node's shared pool; TextEncoder allocates a new backing
// store per event, which costs more than the event itself on a long answer.
const bytes = (text: string): Uint8Array => Buffer.from(text, "utf8");

function frameStream<T>(
  source: AsyncIterable<T>,
  encode: (item: T) => string,
  options: Omit<SseStreamOptions, "firstId">,
): ReadableStream<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  const pingMs = options.pingIntervalMs ?? PING_INTERVAL_MS;
  let ping: SilenceTimer | undefined;
  let closed = false;

  const stop = () => {
    closed = true;
    ping?.stop();
  };

  return new ReadableStream<Uint8Array>(
    {
      start: (controller) => {
        // Each event counts as sound, so a long answer arms no timer per event.
        const timer = new SilenceTimer(
          pingMs,
          () => {
            if (closed) return;
            controller.enqueue(bytes(PING_COMMENT));
            timer.start();
          },
          // A ping timer alone must not keep a CLI process alive.
          { unref: true },
        );
        ping = timer;
        timer.start();
      },
      async pull(controller) {
        try {
          const next = await iterator.next();
          if (closed) return;
          if (next.done) {
            stop();
            controller.enqueue(bytes(DONE_EVENT));
            controller.close();
            return;
          }
          controller.enqueue(bytes(encode(next.value)));
          ping?.touch();
        } catch (error) {
          stop();
          controller.error(error);
        }
      },
      async cancel() {
        stop();
        options.abort?.abort();
        await iterator.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}
