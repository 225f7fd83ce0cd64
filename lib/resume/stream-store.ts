import type { ChatEvent } from "@/lib/protocol";

// PROTOCOL.md section 8: a resumable answer's events live in a per-answer log that outlives the
// connection which started it. The run appends; any number of readers replay from any point and
// follow live. Two implementations share this interface and one test suite (stream-store.contract.ts):
// MemoryStreamStore for one process, RedisStreamStore when REDIS_URL lets several instances share.

/** One event as the log keeps it: its SSE id (from 1), its name and its one-line JSON data. */
export interface StoredEvent {
  id: number;
  event: ChatEvent["event"];
  data: string;
}

/**
 * What a reader gets: events in id order, or one final notice that it cannot go on. `evicted`:
 * the events it asked for are no longer kept (the stream outgrew its bound, or expired while it
 * read). `lost`: the instance running the answer stopped without ending it.
 */
export type ReadItem = StoredEvent | { gone: "evicted" | "lost"; firstKept: number };

export type StreamStatus = "live" | "finished";

export interface StreamStore {
  /** Opens a live stream with no events. Throws StreamStoreFull when no more may be opened. */
  create(id: string): Promise<void>;
  /** Appends the next event; ids count from 1 in append order. Only the run appends. */
  append(id: string, event: ChatEvent): Promise<void>;
  /** Marks the stream finished (after its `end`); it stays readable for the TTL. */
  finish(id: string): Promise<void>;
  /** Whether the id is known, and in what state; undefined when unknown or expired. */
  status(id: string): Promise<StreamStatus | undefined>;
  /**
   * The events after id `after`, then the live ones as they come, until the stream's last event
   * (its `end`) or `signal` aborts. Yields nothing for an unknown id: check `status` first.
   */
  read(id: string, after: number, signal: AbortSignal): AsyncGenerator<ReadItem, void>;
  /** Asks the run, wherever it is, to stop. False when the id is unknown or expired. */
  cancel(id: string): Promise<boolean>;
  /** The run's side of `cancel`: `listener` fires (at most once) when anyone cancels `id`. */
  onCancel(id: string, listener: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export class StreamStoreFull extends Error {
  constructor(message = "Too many resumable answers are running; try again in a moment.") {
    super(message);
    this.name = "StreamStoreFull";
  }
}

export interface StreamStoreLimits {
  /** How long a finished stream stays readable (RESUME_TTL_S), in ms. */
  ttlMs: number;
  /** Live and finished streams kept at once (RESUME_MAX_STREAMS). */
  maxStreams: number;
  /** One stream's bytes; past it its oldest events go (RESUME_MAX_STREAM_BYTES). */
  maxStreamBytes: number;
  /** All streams' bytes together (RESUME_MAX_BYTES; memory store only). */
  maxTotalBytes: number;
}

export function storedEvent(id: number, event: ChatEvent): StoredEvent {
  return { id, event: event.event, data: JSON.stringify(event.data) };
}

/** What an event costs to keep: its JSON's UTF-16 length × 2 plus the object around it. */
export function eventBytes(event: StoredEvent): number {
  return event.data.length * 2 + 64;
}
