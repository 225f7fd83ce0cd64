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
  readonly #byStream = new Map<string, number>();
  readonly #byClient = new Map<string, number>();

  /** Takes a slot for `client` reading `stream`, unless either is at its limit (the client checked first). */
  take(stream: string, client: string, limits: ReaderLimits): ReaderSlot {
    if ((this.#byClient.get(client) ?? 0) >= limits.perClient) return { ok: false, full: "client" };
    if ((this.#byStream.get(stream) ?? 0) >= limits.perStream) return { ok: false, full: "stream" };
    add(this.#byClient, client, 1);
    add(this.#byStream, stream, 1);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        add(this.#byClient, client, -1);
        add(this.#byStream, stream, -1);
      },
    };
  }

  /** Readers held now, for tests. */
  count(key: { stream: string } | { client: string }): number {
    return "stream" in key ? (this.#byStream.get(key.stream) ?? 0) : (this.#byClient.get(key.client) ?? 0);
  }
}

/** Keys leave their map at zero, so the maps only ever hold who is reading now. */
function add(counts: Map<string, number>, key: string, delta: number): void {
  const next = (counts.get(key) ?? 0) + delta;
  if (next > 0) counts.set(key, next);
  else counts.delete(key);
}
