import { createParser, type EventSourceMessage } from "eventsource-parser";
import { type ChatEvent, isEventName, parseEventData } from "./events";

// The client side of PROTOCOL.md section 2, shared by the CLI, the browser hook and the tests.
// eventsource-parser handles the SSE line grammar (CR/LF variants, comments, multi-line data);
// a streaming TextDecoder keeps a UTF-8 character split across two chunks whole.

export type SseItem =
  | { kind: "event"; id: number | undefined; event: ChatEvent }
  | { kind: "done" }
  | { kind: "comment"; text: string };

export class ProtocolError extends Error {
  override name = "ProtocolError";
}

export interface ParseOptions {
  /** Check each payload against its schema (the default); off trades safety for speed. */
  validate?: boolean;
}

export function toSseItem(message: EventSourceMessage, options: ParseOptions = {}): SseItem | undefined {
  if (message.event === "done" || message.data === "[DONE]") return { kind: "done" };
  const name = message.event ?? "message";
  if (!isEventName(name)) return undefined; // unknown events are ignored, as EventSource does
  let data: unknown;
  try {
    data = JSON.parse(message.data);
  } catch {
    throw new ProtocolError(`event '${name}' carries data that is not JSON: ${message.data.slice(0, 80)}`);
  }
  if (options.validate !== false) {
    try {
      data = parseEventData(name, data);
    } catch (error) {
      throw new ProtocolError(`event '${name}' has an invalid payload: ${(error as Error).message}`);
    }
  }
  const id = message.id === undefined ? undefined : Number(message.id);
  return { kind: "event", id, event: { event: name, data } as ChatEvent };
}

/** Parses an SSE byte stream into protocol items, in order, ending after `done` or the stream's end. */
export async function* parseSseStream(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  options: ParseOptions = {},
): AsyncGenerator<SseItem> {
  const queue: SseItem[] = [];
  let failure: unknown;
  const parser = createParser({
    onEvent(message) {
      try {
        const item = toSseItem(message, options);
        if (item) queue.push(item);
      } catch (error) {
        failure ??= error;
      }
    },
    onComment(text) {
      queue.push({ kind: "comment", text: text.trim() });
    },
  });
  const decoder = new TextDecoder("utf-8");
  const drain = function* (): Generator<SseItem, boolean> {
    if (failure) throw failure;
    while (queue.length > 0) {
      const item = queue.shift() as SseItem;
      yield item;
      if (item.kind === "done") return true;
    }
    return false;
  };
  for await (const chunk of chunks(body)) {
    parser.feed(decoder.decode(chunk, { stream: true }));
    if (yield* drain()) return;
  }
  // An event cut off before its blank line is dropped, as the SSE spec (and EventSource) does.
  parser.feed(decoder.decode());
  yield* drain();
}

// Safari's ReadableStream is not async-iterable; a reader works everywhere. Breaking out of the
// loop cancels the body, which closes the connection.
async function* chunks(body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>) {
  if (!("getReader" in body)) return yield* body;
  const reader = body.getReader();
  let finished = false;
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
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
