import "server-only";
import type { ConversationRepository } from "./conversation-repository";

// Answers left `streaming` by a process that died (kill -9, a crash) hold a lease nobody renews.
// Reads mark a conversation's own lapsed answers (the routes call interruptLapsed); this sweep
// catches the rest, once when the store opens and then every 30 s. The timer does not keep the
// process alive.

const SWEEP_EVERY_MS = 30_000;

export function startLeaseSweep(repo: ConversationRepository, everyMs = SWEEP_EVERY_MS): () => void {
  const sweep = () => {
    repo.interruptLapsed().catch((error: unknown) => {
      console.error(`[store] lease sweep: ${error instanceof Error ? error.message : String(error)}`);
    });
  };
  sweep();
  const timer = setInterval(sweep, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
