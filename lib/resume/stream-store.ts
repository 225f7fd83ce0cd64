import type { ApprovalDecision, ChatEvent } from "@/lib/protocol";

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
export type ReadItem = StoredEvent | GoneNotice;

export interface GoneNotice {
  gone: "evicted" | "lost";
  /** The first event still kept, or the first this reader would have needed. */
  firstKept: number;
}

/** Items as a reader takes them: a few at a time, never empty; a `gone` notice is always last. */
export type ReadBatch = ReadItem[];

export type StreamStatus = "live" | "finished";

export interface StreamStore {
  /**
   * Opens a live stream with no events for `owner` (the client's network key, clientAddress()).
   * Throws OwnerRunsFull when that owner already has `maxRunsPerOwner` live streams, and
   * StreamStoreFull when no more may be opened at all.
   */
  create(id: string, owner: string): Promise<void>;
  /** Appends the next event; ids count from 1 in append order. Only the run appends. */
  append(id: string, event: ChatEvent): Promise<void>;
  /** Marks the stream finished (after its `end`); it stays readable for the TTL. */
  finish(id: string): Promise<void>;
  /** Whether the id is known, and in what state; undefined when unknown or expired. */
  status(id: string): Promise<StreamStatus | undefined>;
  /**
   * The events after id `after`, then the live ones as they come, until the stream's last event
   * (its `end`) or `signal` aborts, in batches of at most READ_BATCH_EVENTS, each fetched only
   * when the reader asks for it. Yields nothing for an unknown id: check `status` first.
   */
  read(id: string, after: number, signal: AbortSignal): AsyncGenerator<ReadBatch, void>;
  /** Asks the run, wherever it is, to stop. False when the id is unknown or expired. */
  cancel(id: string): Promise<boolean>;
  /** The run's side of `cancel`: `listener` fires (at most once) when anyone cancels `id`. */
  onCancel(id: string, listener: () => void): Promise<() => Promise<void>>;
  /**
   * PROTOCOL.md section 24, the run's side: tool call `toolCallId` of live stream `id` waits for
   * the user's decision. Kept apart from the log, so no bound on the log's bytes can drop it; gone
   * when the stream finishes.
   */
  openApproval(id: string, toolCallId: string): Promise<void>;
  /**
   * Records the decision on a pending call, once, whichever instance is asked, and tells the run
   * (onDecision). The run's own timeout comes through here too, so a late click and the timeout
   * cannot both win.
   */
  decide(id: string, toolCallId: string, decision: Decision): Promise<DecideResult>;
  /** The run's side of `decide`: `listener` hears every decision on stream `id`. */
  onDecision(
    id: string,
    listener: (toolCallId: string, decision: Decision) => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** A decision on a tool call (section 24); `always` asks to stop asking for this tool (allow only). */
export interface Decision {
  decision: ApprovalDecision;
  always?: boolean;
}

/** `not_pending`: no such call waits (never asked, or the answer ended); `decided`: it was, so. */
export type DecideResult =
  | { ok: true }
  | { ok: false; reason: "not_pending" }
  | { ok: false; reason: "decided"; decision: Decision };

/** A decision as the stores carry it (a Redis hash field, a pub/sub message). */
export function encodeDecision(decision: Decision): string {
  return decision.always ? `${decision.decision}:always` : decision.decision;
}

export function decodeDecision(text: string): Decision | undefined {
  const [name, always] = text.split(":");
  if (name !== "allow" && name !== "deny" && name !== "timeout") return undefined;
  return always === "always" && name === "allow" ? { decision: name, always: true } : { decision: name };
}

export class StreamStoreFull extends Error {
  constructor(message = "Too many resumable answers are running; try again in a moment.") {
    super(message);
    this.name = "StreamStoreFull";
  }
}

/** One client already runs as many resumable answers as it may: a 429, its own doing. */
export class OwnerRunsFull extends Error {
  constructor(limit: number) {
    super(
      `This client already has ${limit} resumable answers running (RESUME_MAX_RUNS_PER_CLIENT); wait for one to end, or stop one with DELETE /api/chat/<id>.`,
    );
    this.name = "OwnerRunsFull";
  }
}

/**
 * Events a reader takes from the store at a time, and sends in one write. A reader that does not
 * read holds one batch (and what its socket buffers), never the whole answer: each reader once
 * unpacked every remaining event at once, 5.6 MB for a 4 MiB answer in 64-byte pieces. Small
 * enough that a stalled reader costs little; large enough that a replay costs few writes and few
 * Redis round trips (1,024 for 65,536 events instead of 65,536).
 */
export const READ_BATCH_EVENTS = 64;
/** A batch also stops once its events' data passes this many characters (it holds at least one event). */
const READ_BATCH_CHARS = 64 * 1024;

/** The events from `start` that make one batch: at most READ_BATCH_EVENTS and about READ_BATCH_CHARS. */
export function batchEnd(dataLength: (index: number) => number, start: number, length: number): number {
  let end = start;
  let chars = 0;
  while (end < length && end - start < READ_BATCH_EVENTS && (end === start || chars < READ_BATCH_CHARS)) {
    chars += dataLength(end);
    end++;
  }
  return end;
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
  /** Live streams one owner may run at once (RESUME_MAX_RUNS_PER_CLIENT), across instances with Redis. */
  maxRunsPerOwner: number;
}

export function storedEvent(id: number, event: ChatEvent): StoredEvent {
  return { id, event: event.event, data: JSON.stringify(event.data) };
}

/** What an event costs to keep: its JSON's UTF-16 length × 2 plus the object around it. */
export function eventBytes(event: StoredEvent): number {
  return event.data.length * 2 + 64;
}
