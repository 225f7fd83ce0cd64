import type { ChatEvent } from "@/lib/protocol";
import { KeyCounts } from "./key-counts";
import { MemoryApprovals } from "./memory-approvals";
import { type PackedEvents, packEvents, packedBytes, unpackBatch } from "./packed-events";
import {
  batchEnd,
  type DecideResult,
  type Decision,
  eventBytes,
  OwnerRunsFull,
  type ReadBatch,
  type StoredEvent,
  type StreamStatus,
  type StreamStore,
  StreamStoreFull,
  type StreamStoreLimits,
  storedEvent,
} from "./stream-store";

// Resumable streams in this process's memory: the default, and right for one Node server. Bounded
// in count, bytes per stream and bytes in all; what goes first is the oldest finished stream, and a
// live stream only ever loses its oldest events, which a reader asking for them is told about.

interface Entry {
  /** Who started it; counted in #liveByOwner while live. */
  owner: string;
  /** A live stream's events. */
  events: StoredEvent[];
  /** A finished stream's events, packed (packed-events.ts); `events` is then empty. */
  packed: PackedEvents | undefined;
  /** Id of the first event kept; ids before it were evicted. */
  firstKept: number;
  nextId: number;
  bytes: number;
  finishedAt: number | undefined;
  /** Readers waiting for the next event (or the end, or eviction). */
  wake: Set<() => void>;
  cancelListeners: Set<() => void>;
  cancelled: boolean;
}

export class MemoryStreamStore implements StreamStore {
  readonly #streams = new Map<string, Entry>();
  /** Live streams per owner. */
  readonly #liveByOwner = new KeyCounts();
  readonly #approvals = new MemoryApprovals();
  readonly #limits: StreamStoreLimits;
  readonly #now: () => number;
  #bytes = 0;
  #sweeper: ReturnType<typeof setInterval> | undefined;

  constructor(limits: StreamStoreLimits, now: () => number = Date.now) {
    this.#limits = limits;
    this.#now = now;
  }

  /** Streams kept and their bytes: for tests and the memory figure in the notes. */
  get usage(): { streams: number; bytes: number } {
    this.#expire();
    return { streams: this.#streams.size, bytes: this.#bytes };
  }

  async create(id: string, owner: string): Promise<void> {
    this.#expire();
    if (this.#streams.has(id)) throw new Error(`stream ${id} exists`);
    // The owner's cap first: a client at its cap is told so, even when the store is full too.
    if (this.#liveByOwner.get(owner) >= this.#limits.maxRunsPerOwner) {
      throw new OwnerRunsFull(this.#limits.maxRunsPerOwner);
    }
    while (this.#streams.size >= this.#limits.maxStreams) {
      if (!this.#evictOldestFinished()) throw new StreamStoreFull();
    }
    this.#liveByOwner.add(owner, 1);
    this.#streams.set(id, {
      owner,
      events: [],
      packed: undefined,
      firstKept: 1,
      nextId: 1,
      bytes: 0,
      finishedAt: undefined,
      wake: new Set(),
      cancelListeners: new Set(),
      cancelled: false,
    });
    // Expired streams go even when nobody asks for them; the timer never keeps a process alive.
    this.#sweeper ??= setInterval(() => this.#expire(), Math.min(this.#limits.ttlMs, 60_000));
    this.#sweeper.unref?.();
  }

  async append(id: string, event: ChatEvent): Promise<void> {
    const entry = this.#streams.get(id);
    if (!entry || entry.finishedAt !== undefined) return;
    const stored = storedEvent(entry.nextId++, event);
    const size = eventBytes(stored);
    entry.events.push(stored);
    entry.bytes += size;
    this.#bytes += size;
    while (entry.bytes > this.#limits.maxStreamBytes && entry.events.length > 1) this.#dropOldestEvent(entry);
    while (this.#bytes > this.#limits.maxTotalBytes) {
      if (this.#evictOldestFinished()) continue;
      const largest = this.#largestLive();
      if (!largest || largest.events.length <= 1) break;
      this.#dropOldestEvent(largest);
    }
    wakeAll(entry);
  }

  async finish(id: string): Promise<void> {
    const entry = this.#streams.get(id);
    if (!entry || entry.finishedAt !== undefined) return;
    entry.finishedAt = this.#now();
    entry.cancelListeners.clear();
    this.#approvals.drop(id);
    this.#liveByOwner.add(entry.owner, -1);
    entry.packed = packEvents(entry.events);
    entry.events = [];
    const bytes = packedBytes(entry.packed);
    this.#bytes += bytes - entry.bytes;
    entry.bytes = bytes;
    wakeAll(entry);
  }

  async status(id: string): Promise<StreamStatus | undefined> {
    this.#expire();
    const entry = this.#streams.get(id);
    if (!entry) return undefined;
    return entry.finishedAt === undefined ? "live" : "finished";
  }

  async *read(id: string, after: number, signal: AbortSignal): AsyncGenerator<ReadBatch, void> {
    let last = Math.max(0, after);
    for (;;) {
      if (signal.aborted) return;
      const entry = this.#streams.get(id);
      if (!entry) {
        // Expired or evicted while this reader was behind: say so, unless it had everything.
        if (last > 0) yield [{ gone: "evicted", firstKept: last + 1 }];
        return;
      }
      if (last + 1 < entry.firstKept) {
        yield [{ gone: "evicted", firstKept: entry.firstKept }];
        return;
      }
      // One batch of what is there now; the rest, and what is appended meanwhile, on the next
      // passes. Never the whole log at once: a reader that stops reading holds one batch.
      const start = last + 1 - entry.firstKept;
      const batch = entry.packed
        ? unpackBatch(entry.packed, entry.firstKept, start)
        : liveBatch(entry.events, start);
      const newest = batch.at(-1);
      if (newest) {
        yield batch;
        last = newest.id;
        continue;
      }
      if (entry.finishedAt !== undefined) return;
      await new Promise<void>((resolve) => {
        const done = () => {
          entry.wake.delete(done);
          signal.removeEventListener("abort", done);
          resolve();
        };
        entry.wake.add(done);
        signal.addEventListener("abort", done, { once: true });
      });
    }
  }

  async cancel(id: string): Promise<boolean> {
    const entry = this.#streams.get(id);
    if (!entry || (await this.status(id)) === undefined) return false;
    if (entry.finishedAt === undefined && !entry.cancelled) {
      entry.cancelled = true;
      for (const listener of [...entry.cancelListeners]) listener();
      entry.cancelListeners.clear();
    }
    return true;
  }

  async onCancel(id: string, listener: () => void): Promise<() => Promise<void>> {
    const entry = this.#streams.get(id);
    if (!entry) return async () => {};
    if (entry.cancelled) {
      queueMicrotask(listener);
      return async () => {};
    }
    entry.cancelListeners.add(listener);
    return async () => {
      entry.cancelListeners.delete(listener);
    };
  }

  async openApproval(id: string, toolCallId: string): Promise<void> {
    const entry = this.#streams.get(id);
    if (entry && entry.finishedAt === undefined) this.#approvals.open(id, toolCallId);
  }

  async decide(id: string, toolCallId: string, decision: Decision): Promise<DecideResult> {
    return this.#approvals.decide(id, toolCallId, decision);
  }

  async onDecision(
    id: string,
    listener: (toolCallId: string, decision: Decision) => void,
  ): Promise<() => Promise<void>> {
    const stop = this.#approvals.listen(id, listener);
    return async () => stop();
  }

  async close(): Promise<void> {
    clearInterval(this.#sweeper);
    this.#approvals.clear();
    this.#sweeper = undefined;
    for (const entry of this.#streams.values()) {
      entry.finishedAt ??= this.#now();
      wakeAll(entry);
    }
    this.#streams.clear();
    this.#liveByOwner.clear();
    this.#bytes = 0;
  }

  #dropOldestEvent(entry: Entry): void {
    const dropped = entry.events.shift();
    if (!dropped) return;
    entry.firstKept = dropped.id + 1;
    const size = eventBytes(dropped);
    entry.bytes -= size;
    this.#bytes -= size;
  }

  #remove(id: string, entry: Entry): void {
    this.#streams.delete(id);
    this.#approvals.drop(id);
    this.#bytes -= entry.bytes;
    wakeAll(entry);
  }

  /** Finished streams in the order they finished; a Map iterates in insertion order, so scan. */
  #evictOldestFinished(): boolean {
    let oldest: [string, Entry] | undefined;
    for (const item of this.#streams) {
      const finishedAt = item[1].finishedAt;
      if (finishedAt !== undefined && (!oldest || finishedAt < (oldest[1].finishedAt ?? 0))) oldest = item;
    }
    if (!oldest) return false;
    this.#remove(oldest[0], oldest[1]);
    return true;
  }

  #largestLive(): Entry | undefined {
    let largest: Entry | undefined;
    for (const entry of this.#streams.values()) {
      if (entry.finishedAt === undefined && (!largest || entry.bytes > largest.bytes)) largest = entry;
    }
    return largest;
  }

  #expire(): void {
    const cutoff = this.#now() - this.#limits.ttlMs;
    for (const [id, entry] of this.#streams) {
      if (entry.finishedAt !== undefined && entry.finishedAt <= cutoff) this.#remove(id, entry);
    }
  }
}

function wakeAll(entry: Entry): void {
  for (const wake of [...entry.wake]) wake();
}

function liveBatch(events: StoredEvent[], from: number): StoredEvent[] {
  return events.slice(
    from,
    batchEnd((i) => events[i]?.data.length ?? 0, from, events.length),
  );
}
