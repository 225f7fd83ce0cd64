import { KeyCounts } from "./key-counts";

// Who is reading which resumable answer, in this process (GET /api/chat/<id>). Each reader costs
// a batch of events, its socket's buffers and, with Redis, a connection while it follows a live
// answer; these caps keep one answer, and one client, from holding more of them than any real
// use needs. Per process, like the sockets they count: with several instances each counts its own.

export interface ReaderLimits {
  /** RESUME_MAX_READERS_PER_STREAM */
  perStream: number;
  /** RESUME_MAX_READERS_PER_CLIENT */
  perClient: number;
}

export type ReaderSlot =
  | { ok: true /** Gives the slot back; safe to call more than once. */; release: () => void }
  | { ok: false; full: "client" | "stream" };

export class ReaderSlots {
  // Only who is reading now: a key leaves its count at zero.
  readonly #byStream = new KeyCounts();
  readonly #byClient = new KeyCounts();

  /** Takes a slot for `client` reading `stream`, unless either is at its limit (the client checked first). */
  take(stream: string, client: string, limits: ReaderLimits): ReaderSlot {
    if (this.#byClient.get(client) >= limits.perClient) return { ok: false, full: "client" };
    if (this.#byStream.get(stream) >= limits.perStream) return { ok: false, full: "stream" };
    this.#byClient.add(client, 1);
    this.#byStream.add(stream, 1);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        this.#byClient.add(client, -1);
        this.#byStream.add(stream, -1);
      },
    };
  }

  /** Readers held now, for tests. */
  count(key: { stream: string } | { client: string }): number {
    return "stream" in key ? this.#byStream.get(key.stream) : this.#byClient.get(key.client);
  }
}
