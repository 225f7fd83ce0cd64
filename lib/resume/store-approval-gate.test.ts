import { describe, expect, it } from "vitest";
import { MemoryStreamStore } from "./memory-stream-store";
import { StoreApprovalGate } from "./store-approval-gate";
import { CONTRACT_LIMITS } from "./stream-store.contract";

// The run's side of PROTOCOL.md section 24 over a real (memory) store: a decision that comes
// before the wait is kept, the timeout is a decision taken in the store, an abort ends the wait.

async function gate() {
  const store = new MemoryStreamStore(CONTRACT_LIMITS);
  await store.create("s", "me");
  return { store, gate: new StoreApprovalGate(store, "s") };
}

describe("StoreApprovalGate", () => {
  it("keeps a decision that came before the loop waited", async () => {
    const { store, gate: g } = await gate();
    await g.open("c1");
    expect(await store.decide("s", "c1", { decision: "allow", always: true })).toEqual({ ok: true });
    expect(await g.wait("c1", 60_000, new AbortController().signal)).toEqual({
      decision: "allow",
      always: true,
    });
    await g.close();
  });

  it("hears a decision made while it waits", async () => {
    const { store, gate: g } = await gate();
    await g.open("c1");
    const waiting = g.wait("c1", 60_000, new AbortController().signal);
    await store.decide("s", "c1", { decision: "deny" });
    expect(await waiting).toEqual({ decision: "deny" });
  });

  it("times out through the store, so a later click finds the call decided", async () => {
    const { store, gate: g } = await gate();
    await g.open("c1");
    expect(await g.wait("c1", 20, new AbortController().signal)).toEqual({ decision: "timeout" });
    expect(await store.decide("s", "c1", { decision: "allow" })).toEqual({
      ok: false,
      reason: "decided",
      decision: { decision: "timeout" },
    });
  });

  it("ends the wait with nothing when the answer is stopped", async () => {
    const { gate: g } = await gate();
    await g.open("c1");
    const abort = new AbortController();
    const waiting = g.wait("c1", 60_000, abort.signal);
    abort.abort();
    expect(await waiting).toBeUndefined();
  });

  it("stops listening when closed", async () => {
    const { store, gate: g } = await gate();
    await g.open("c1");
    await g.close();
    await store.decide("s", "c1", { decision: "allow" });
    // Not heard: the wait runs to its (short) timeout, which finds the click's decision.
    expect(await g.wait("c1", 20, new AbortController().signal)).toEqual({ decision: "allow" });
  });
});
