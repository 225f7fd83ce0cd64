import { createParser, type EventSourceMessage } from "eventsource-parser";
import { streamChunks } from "@/lib/streams/stream-chunks";
import { isEventName } from "./event-names";
import type { ChatEvent, EventName } from "./events";
import { isWellFormedEvent } from "./is-well-formed-event";

// The client side of PROTOCOL.md section 2, shared by the CLI, the browser hook and the tests.
// eventsource-parser handles the SSE line grammar (CR/LF variants, comments, multi-line data);
// a streaming TextDecoder keeps a UTF-8 character split across two chunks whole. It does not
// import the zod schemas, so the browser bundle stays small; strict callers pass them in.

export type SseItem =
  | { kind: "event"; id: number | undefined; event: ChatEvent }
  | { kind: "done" }
  | { kind: "comment"; text: string };

export class ProtocolError extends Error {
  override name = "ProtocolError";
}

export interface ParseOptions {
  /**
   * Checks a payload, returning it (possibly normalised) or throwing to reject the stream: pass
   * `parseEventData` from ./events for the full schemas. Without it, events a client cannot use
   * are skipped.
   */
  validate?: (name: EventName, data: unknown) => unknown;
}

function toSseItem(message: EventSourceMessage, options: ParseOptions = {}): SseItem | undefined {
  if (message.event === "done" || message.data === "[DONE]") return { kind: "done" };
  const name = message.event ?? "message";
  if (!isEventName(name)) return undefined; // unknown events are ignored, as EventSource does
  let data: unknown;
  try {
    data = JSON.parse(message.data);
  } catch {
    throw new ProtocolError(`event '${name}' carries data that is not JSON: ${message.data.slice(0, 80)}`);
  }
  if (options.validate) {
    try {
      data = options.validate(name, data);
    } catch (error) {
      throw new ProtocolError(`event '${name}' has an invalid payload: ${(error as Error).message}`);
    }
  }
  const event = { event: name, data } as ChatEvent;
  if (!options.validate && !isWellFormedEvent(event)) return undefined;
  const id = message.id === undefined ? undefined : Number(message.id);
  return { kind: "event", id, event };
}

/** Parses an SSE byte stream into protocol items, in order, ending after `done` or the stream's end. */
export async function* parseSseStream(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  options: ParseOptions = {},
): AsyncGenerator<SseItem> {
  // Items wait here in stream order, a failure among them, so what came before it is still yielded.
  const queue: (SseItem | ProtocolError)[] = [];
  const parser = createParser({
    onEvent(message) {
      try {
        const item = toSseItem(message, options);
        if (item) queue.push(item);
      } catch (error) {
        queue.push(error as ProtocolError);
      }
    },
    onComment(text) {
      queue.push({ kind: "comment", text: text.trim() });
    },
  });
  const decoder = new TextDecoder("utf-8");
  const drain = function* (): Generator<SseItem, boolean> {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
      if (item instanceof ProtocolError) throw item;
      yield item;
      if (item.kind === "done") return true;
    }
    return false;
  };
  for await (const chunk of streamChunks(body)) {
    parser.feed(decoder.decode(chunk, { stream: true }));
    if (yield* drain()) return;
  }
  // An event cut off before its blank line is dropped, as the SSE spec (and EventSource) does.
  parser.feed(decoder.decode());
  yield* drain();
}

/** Only the chat events of a stream, for callers that do not care about comments or `done`. */
export async function* parseChatEvents(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  options: ParseOptions = {},
): AsyncGenerator<ChatEvent> {
  for await (const item of parseSseStream(body, options)) {
    if (item.kind === "event") yield item.event;
  }
}
