import "server-only";
import type { ConversationRepository } from "./conversation-repository";

// Answers left `streaming` by a process that died (kill -9, a crash) hold a lease nobody renews.
// Reads mark a conversation's own lapsed answers (the routes call interruptLapsed); this sweep
// catches the rest, once when the store opens and then every 30 s. It also drops the tombstones of
// conversations deleted over a week ago: a device that has not asked for that long reloads its
// list anyway. The timer does not keep the process alive.

const SWEEP_EVERY_MS = 30_000;
/** How long a deleted conversation's tombstone stays for the owner's other devices to hear of it. */
export const TOMBSTONE_MS = 7 * 24 * 60 * 60 * 1000;

export function startLeaseSweep(repo: ConversationRepository, everyMs = SWEEP_EVERY_MS): () => void {
  const failed = (error: unknown) => {
    console.error(`[store] sweep: ${error instanceof Error ? error.message : String(error)}`);
  };
  const sweep = () => {
    repo.interruptLapsed().catch(failed);
    repo.purgeDeleted(Date.now() - TOMBSTONE_MS).catch(failed);
  };
  sweep();
  const timer = setInterval(sweep, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
