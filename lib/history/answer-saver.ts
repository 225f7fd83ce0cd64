import "server-only";
import type { EndData } from "@/lib/protocol/events";
import type {
  AnswerUpdate,
  ConversationRepository,
  MessageRef,
  UsageMeasures,
} from "@/lib/store/conversation-repository";
import { usageMeasures } from "@/lib/store/usage-measures";

// The writes of one stored answer while it streams (PROTOCOL.md section 10): batched saves, each
// renewing the run's lease, a heartbeat when events pause, and the last save with the usage row.
// A failed write is logged, never thrown: the readers still get the answer, and an answer the
// database lost track of lapses into `interrupted`.

/** The lease of a run; HISTORY_LEASE_MS shortens it for tests. */
export function leaseMs(env: Record<string, string | undefined> = process.env): number {
  const configured = Number(env.HISTORY_LEASE_MS);
  return Number.isSafeInteger(configured) && configured >= 100 ? configured : 30_000;
}

const SAVE_EVERY_MS = 2_000;

export interface AnswerTarget {
  repo: ConversationRepository;
  owner: string;
  ref: MessageRef;
  runId: string;
  model: string;
  leaseMs: number;
}

export class AnswerSaver {
  /**
   * Whether a save is due while events arrive: 2 s after the last one. A timer sets it, so that
   * each of an answer's hundreds of events reads a flag rather than the clock (Next wraps
   * Date.now in a check of its request stores).
   */
  due = false;
  private dueTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the lease was last renewed, by a save or a heartbeat. */
  private lastWrite = Date.now();
  /** Another run (or the sweep) has the answer now: stop writing it. */
  private lost = false;
  /** Writes one after another: a heartbeat never races a save. */
  private queue: Promise<void> = Promise.resolve();
  /** How many writes the answer cost: the bench's bound. */
  writes = 0;

  constructor(private readonly target: AnswerTarget) {
    this.armDue();
  }

  save(update: Pick<AnswerUpdate, "content" | "parts">): Promise<void> {
    this.armDue();
    return this.write(() => this.update({ ...update, leaseTtlMs: this.target.leaseMs }));
  }

  /** Renews the lease if nothing was written for a third of it (events paused: a long tool call). */
  heartbeat(): Promise<void> {
    if (Date.now() - this.lastWrite < this.target.leaseMs / 3) return Promise.resolve();
    const { repo, owner, ref, runId, leaseMs } = this.target;
    return this.write(() => repo.renewLease(owner, ref, runId, leaseMs));
  }

  /** The last save: status, stats and finish reason, with the usage row in the same statement. */
  finish(update: AnswerUpdate, end?: EndData): Promise<void> {
    const { repo, owner, ref, runId } = this.target;
    return this.write(() => repo.finishAnswer(owner, ref, runId, update, end && this.usage(end)));
  }

  /** The answer has ended: no save will be due. */
  stop(): void {
    clearTimeout(this.dueTimer);
  }

  private armDue(): void {
    this.due = false;
    clearTimeout(this.dueTimer);
    this.dueTimer = setTimeout(() => {
      this.due = true;
    }, SAVE_EVERY_MS);
    this.dueTimer.unref();
  }

  private update(update: AnswerUpdate): Promise<boolean> {
    const { repo, owner, ref, runId } = this.target;
    return repo.updateAnswer(owner, ref, runId, update);
  }

  private write(work: () => Promise<boolean>): Promise<void> {
    this.queue = this.queue.then(async () => {
      if (this.lost) return;
      try {
        this.writes++;
        this.lost = !(await work());
        this.lastWrite = Date.now();
        if (this.lost) console.error(`[history] answer ${this.target.ref.messageId} is no longer this run's`);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        console.error(`[history] saving answer ${this.target.ref.messageId}: ${reason}`);
      }
    });
    return this.queue;
  }

  private usage({ stats }: EndData): UsageMeasures {
    return usageMeasures(this.target.model, stats);
  }
}
