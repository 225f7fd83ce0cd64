import type { ApprovalGate, ApprovalOutcome } from "@/lib/agent/approval-gate";
import type { Decision, StreamStore } from "./stream-store";

// A resumable answer's approval gate (PROTOCOL.md section 24): calls wait in the stream store, where
// POST /api/chat/<id>/approval on any instance decides them, and the decision reaches this run by
// the store's onDecision. A decision can come before the loop starts waiting (the call was
// announced while the model still wrote): it is kept until asked for.

type Settle = (decision: Decision | undefined) => void;

export class StoreApprovalGate implements ApprovalGate {
  readonly #early = new Map<string, Decision>();
  readonly #waiting = new Map<string, Settle>();
  #listening: Promise<() => Promise<void>> | undefined;

  constructor(
    private readonly store: StreamStore,
    private readonly streamId: string,
  ) {}

  async open(toolCallId: string): Promise<void> {
    // Listening before the call is pending: no decision can come before the run hears it.
    this.#listening ??= this.store.onDecision(this.streamId, (call, decision) => this.#hear(call, decision));
    await this.#listening;
    await this.store.openApproval(this.streamId, toolCallId);
  }

  wait(toolCallId: string, timeoutMs: number, signal: AbortSignal): Promise<ApprovalOutcome | undefined> {
    const early = this.#early.get(toolCallId);
    if (early) return Promise.resolve(early);
    return new Promise((resolve) => {
      let settled = false;
      const settle: Settle = (decision) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal.removeEventListener("abort", stop);
        this.#waiting.delete(toolCallId);
        resolve(decision);
      };
      const stop = () => settle(undefined);
      // The timeout is a decision like the user's, taken in the store: a click that came first wins.
      const timer = setTimeout(() => {
        this.store.decide(this.streamId, toolCallId, { decision: "timeout" }).then(
          (result) =>
            settle(!result.ok && result.reason === "decided" ? result.decision : { decision: "timeout" }),
          () => settle({ decision: "timeout" }),
        );
      }, timeoutMs);
      this.#waiting.set(toolCallId, settle);
      if (signal.aborted) stop();
      else signal.addEventListener("abort", stop, { once: true });
    });
  }

  /** The run is over: stop listening. */
  async close(): Promise<void> {
    const stop = await this.#listening?.catch(() => undefined);
    await stop?.().catch(() => {});
  }

  #hear(toolCallId: string, decision: Decision): void {
    const waiting = this.#waiting.get(toolCallId);
    if (waiting) waiting(decision);
    else this.#early.set(toolCallId, decision);
  }
}
