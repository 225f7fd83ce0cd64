import type { ConversationSummary, HistoryApi } from "./history-api";

// Every device in sync: while the tab is visible, ask the server every few seconds which
// conversations moved since the newest one seen. The clock and the page's visibility are injected
// so that tests drive it without waiting.

export const SYNC_INTERVAL_MS = 3000;
/** Changes per request: a full page is followed by the next one at once. */
const SYNC_PAGE = 100;
/**
 * Each poll asks again for the last few seconds: a change is stamped when its transaction starts,
 * and one that commits after a later one would otherwise be behind the mark already. What comes
 * twice changes nothing the second time.
 */
export const SYNC_OVERLAP_MS = 5_000;

export interface SyncOptions {
  api: Pick<HistoryApi, "list">;
  /** Conversations that changed (new, renamed, a message added, deleted), oldest change first. */
  onChanged(changed: ConversationSummary[]): void;
  visible?: () => boolean;
  /** Runs `callback` after `ms`; returns a cancel. */
  schedule?: (callback: () => void, ms: number) => () => void;
  intervalMs?: number;
}

export class HistorySync {
  private since = 0;
  private cancel: (() => void) | undefined;
  private running = false;
  private polling = false;

  constructor(private readonly options: SyncOptions) {}

  /** Starts polling after `known` (the list already shown). */
  start(known: readonly ConversationSummary[]): void {
    this.seen(known);
    this.running = true;
    this.next();
  }

  stop(): void {
    this.running = false;
    this.cancel?.();
    this.cancel = undefined;
  }

  /** Polls now (the tab became visible again), then on the usual beat. */
  wake(): void {
    if (!this.running) return;
    this.cancel?.();
    void this.poll();
  }

  /** What is known up to the newest change among these: the next poll asks from there. */
  private seen(summaries: readonly ConversationSummary[]): void {
    for (const s of summaries) this.since = Math.max(this.since, s.changedAt);
  }

  private next(): void {
    const schedule = this.options.schedule ?? defaultSchedule;
    this.cancel = schedule(() => void this.poll(), this.options.intervalMs ?? SYNC_INTERVAL_MS);
  }

  private async poll(): Promise<void> {
    if (!this.running || this.polling) return;
    this.polling = true;
    try {
      if (this.options.visible?.() ?? true) {
        const since = Math.max(0, this.since - SYNC_OVERLAP_MS);
        let cursor: string | undefined;
        do {
          const outcome = await this.options.api.list({
            since,
            limit: SYNC_PAGE,
            ...(cursor ? { cursor } : {}),
          });
          // A failed poll is tried again on the next beat; the page already shows what it had.
          if (!this.running || outcome.kind !== "ok") break;
          const changed = outcome.value.conversations;
          if (changed.length > 0) {
            this.seen(changed);
            this.options.onChanged(changed);
          }
          cursor = outcome.value.nextCursor;
        } while (cursor);
      }
    } finally {
      this.polling = false;
      if (this.running) this.next();
    }
  }
}

function defaultSchedule(callback: () => void, ms: number): () => void {
  const timer = setTimeout(callback, ms);
  return () => clearTimeout(timer);
}
