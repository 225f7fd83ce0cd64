import type { DecideResult, Decision } from "./stream-store";

// The pending approvals of MemoryStreamStore's live streams (PROTOCOL.md section 24): per stream,
// each waiting call and its decision once made, and the run's listener. Apart from the events, so
// trimming a stream's log never touches them; dropped when the stream finishes.

type Listener = (toolCallId: string, decision: Decision) => void;

interface StreamApprovals {
  /** undefined while the call waits; its decision once made. */
  calls: Map<string, Decision | undefined>;
  listeners: Set<Listener>;
}

export class MemoryApprovals {
  readonly #streams = new Map<string, StreamApprovals>();

  #of(id: string): StreamApprovals {
    let approvals = this.#streams.get(id);
    if (!approvals) {
      approvals = { calls: new Map(), listeners: new Set() };
      this.#streams.set(id, approvals);
    }
    return approvals;
  }

  open(id: string, toolCallId: string): void {
    const { calls } = this.#of(id);
    if (!calls.has(toolCallId)) calls.set(toolCallId, undefined);
  }

  decide(id: string, toolCallId: string, decision: Decision): DecideResult {
    const approvals = this.#streams.get(id);
    if (!approvals?.calls.has(toolCallId)) return { ok: false, reason: "not_pending" };
    const made = approvals.calls.get(toolCallId);
    if (made) return { ok: false, reason: "decided", decision: made };
    approvals.calls.set(toolCallId, decision);
    for (const listener of [...approvals.listeners]) listener(toolCallId, decision);
    return { ok: true };
  }

  listen(id: string, listener: Listener): () => void {
    const approvals = this.#of(id);
    approvals.listeners.add(listener);
    return () => {
      approvals.listeners.delete(listener);
    };
  }

  /** The stream finished or went: nothing of it waits any more. */
  drop(id: string): void {
    this.#streams.delete(id);
  }

  clear(): void {
    this.#streams.clear();
  }
}
