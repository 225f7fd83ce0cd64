import { randomBytes } from "node:crypto";
import type { ChatEvent } from "@/lib/protocol";
import type { StreamStore } from "./stream-store";

// A run detached from its HTTP connection (PROTOCOL.md section 8): the agent's events go into the
// stream's log, whoever reads it. Only a cancel (DELETE /api/chat/<id>, from any instance) aborts it;
// the loop then ends with `end` `{finish_reason: "cancelled"}` (runAgent's endOnAbort).

export interface DetachedRun {
  /** The stream id: 144 random bits, so the id is the secret that lets a reader in. */
  id: string;
  /** Settles when the run has ended and its log is finished. */
  done: Promise<void>;
}

/** What a caller that keeps the answer (lib/history) sees of its run: each event before the log. */
export interface RunObserver {
  /**
   * The event as the log is to have it. A promise holds the event, and the run, back until it
   * settles (a save that no reader may overtake); most events go on at once, with no promise made.
   */
  see(event: ChatEvent): ChatEvent | Promise<ChatEvent>;
  /** The run is over, ended or cut short; its log is finished once this settles. */
  close(): Promise<void>;
}

export function newStreamId(): string {
  return randomBytes(18).toString("base64url");
}

/**
 * Opens the log for `owner` (the client's network key), listens for a cancel, and starts draining
 * `events` into it. `abort` must be the controller whose signal the events' run watches; `id` is
 * given when the caller had to name the stream first (a stored answer keeps it), `observer` when
 * it sees the events too. Throws (opening nothing, and never calling `observer`) when the store
 * refuses: OwnerRunsFull, StreamStoreFull, or its own failure.
 */
export async function startDetachedRun(
  store: StreamStore,
  events: AsyncIterable<ChatEvent>,
  abort: AbortController,
  owner: string,
  { id = newStreamId(), observer }: { id?: string | undefined; observer?: RunObserver | undefined } = {},
): Promise<DetachedRun> {
  await store.create(id, owner);
  let stopListening: () => Promise<void>;
  try {
    stopListening = await store.onCancel(id, () => abort.abort());
  } catch (error) {
    await store.finish(id).catch(() => {});
    throw error;
  }
  const done = (async () => {
    try {
      for await (const event of events) {
        const seen = observer ? observer.see(event) : event;
        await store.append(id, seen instanceof Promise ? await seen : seen);
      }
    } catch (error) {
      // The store failed (Redis went away): stop the model rather than pay for an answer nobody keeps.
      abort.abort();
      console.error(
        `[resume] stream ${id} stopped: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      await observer?.close().catch(() => {});
      await store.finish(id).catch(() => {});
      await stopListening().catch(() => {});
    }
  })();
  return { id, done };
}
