import type { ChatEvent, EventOf } from "@/lib/protocol";
import { encodeFrame, sseFrameStream } from "@/lib/protocol/sse-encoder";
import type { GoneNotice, StreamStore } from "./stream-store";

// A reader of a resumable stream as SSE (PROTOCOL.md section 8): the stored events with their own
// ids, pings while the answer thinks, `done` after `end`. Closing the response only stops this
// reader; the run goes on for the others and for a later re-attach.

const noStats: EventOf<"end">["data"]["stats"] = {
  tool_calls: 0,
  tool_results: 0,
  tokens: { prompt: 0, completion: 0, total: 0 },
  timing_ms: { first_byte: null, total: 0 },
};

function goneMessage(item: GoneNotice): { code: string; message: string } {
  if (item.gone === "lost") {
    return {
      code: "stream_lost",
      message: "The server running this answer stopped before it finished; send the question again.",
    };
  }
  return {
    code: "stream_evicted",
    message: `This answer's events before #${item.firstKept} are no longer kept (RESUME_MAX_STREAM_BYTES, RESUME_TTL_S); send the question again for a full answer.`,
  };
}

/** The end of a reader that cannot go on: an error saying why, then the answer's end. */
function goneNotice(item: GoneNotice): ChatEvent[] {
  return [
    { event: "error", data: { finish_reason: "error", ...goneMessage(item) } },
    { event: "end", data: { finish_reason: "error", stats: noStats } },
  ];
}

// Not events of the answer, so no ids: the reader's Last-Event-ID stays where its data stopped.
const encodeNotice = (event: ChatEvent): string => encodeFrame(event.event, JSON.stringify(event.data));

/** Each batch of stored events as one chunk of SSE frames: one write per batch, not per event. */
async function* frames(
  store: StreamStore,
  id: string,
  after: number,
  signal: AbortSignal,
  onClose: () => void,
): AsyncGenerator<string, void> {
  try {
    for await (const batch of store.read(id, after, signal)) {
      let chunk = "";
      for (const item of batch) {
        if ("gone" in item) {
          yield chunk + goneNotice(item).map(encodeNotice).join("");
          return;
        }
        chunk += encodeFrame(item.event, item.data, item.id);
      }
      yield chunk;
    }
  } finally {
    onClose();
  }
}

export interface ReadStreamOptions {
  /** The request's signal: its client went away, even before the body was ever read. */
  signal?: AbortSignal;
  /** Called once when this reader is done: the answer ended, it failed, or the client left. */
  onClose?: () => void;
}

/** The SSE body for one reader of stream `id`, from the event after `after`. */
export function readStreamSse(
  store: StreamStore,
  id: string,
  after: number,
  options: ReadStreamOptions = {},
): ReadableStream<Uint8Array> {
  const reader = new AbortController();
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    options.onClose?.();
  };
  // A cancelled body aborts `reader`; a request whose client left before Next piped the body
  // anywhere is never cancelled, and a generator that never started runs no `finally`: both
  // signals end the reader, so whatever it holds is given back in every case.
  reader.signal.addEventListener("abort", close, { once: true });
  if (options.signal?.aborted) reader.abort();
  else options.signal?.addEventListener("abort", () => reader.abort(), { once: true });
  return sseFrameStream(frames(store, id, after, reader.signal, close), { abort: reader });
}
