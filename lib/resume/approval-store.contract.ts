import { afterEach, describe, expect, it } from "vitest";
import type { ChatEvent } from "@/lib/protocol";
import { pollUntil } from "@/lib/testing/poll-until";
import type { Decision, StreamStore } from "./stream-store";
import { CONTRACT_LIMITS, type StoreFactory } from "./stream-store.contract";

// The pending approvals of PROTOCOL.md section 24, for every StreamStore (memory-stream-store.test.ts,
// redis-stream-store.test.ts): kept apart from the log, decided once, heard by the run.

let counter = 0;
const newId = () => `ap${process.pid}-${Date.now()}-${counter++}`;
const big = (n: number): ChatEvent => ({ event: "message", data: { content: `${n} ${"x".repeat(2_000)}` } });

export function describeApprovalStore(name: string, factory: StoreFactory): void {
  describe(`${name}: pending approvals`, () => {
    const open: StreamStore[] = [];
    const make = async (maxStreamBytes = CONTRACT_LIMITS.maxStreamBytes) => {
      const store = await factory({ ...CONTRACT_LIMITS, maxStreamBytes });
      open.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(open.splice(0).map((store) => store.close()));
    });

    /** A live stream whose run listens for decisions; `heard` fills as they come. */
    async function liveStream(store: StreamStore) {
      const id = newId();
      await store.create(id, `owner-${id}`);
      const heard: [string, Decision][] = [];
      const stop = await store.onDecision(id, (call, decision) => heard.push([call, decision]));
      return { id, heard, stop };
    }

    const heardOnce = (heard: unknown[]) =>
      pollUntil(
        async () => heard.length,
        (n) => n >= 1,
        Date.now() + 5_000,
      );

    it("decides a pending call once, tells the run, and refuses a second decision with the first", async () => {
      const store = await make();
      const { id, heard } = await liveStream(store);
      await store.openApproval(id, "call_1");
      expect(await store.decide(id, "call_1", { decision: "allow", always: true })).toEqual({ ok: true });
      await heardOnce(heard);
      expect(heard).toEqual([["call_1", { decision: "allow", always: true }]]);
      expect(await store.decide(id, "call_1", { decision: "deny" })).toEqual({
        ok: false,
        reason: "decided",
        decision: { decision: "allow", always: true },
      });
      expect(heard).toHaveLength(1);
    });

    it("knows no decision for a call that never waited, on an unknown stream, or after the stream finished", async () => {
      const store = await make();
      const { id } = await liveStream(store);
      expect(await store.decide(id, "call_x", { decision: "allow" })).toEqual({
        ok: false,
        reason: "not_pending",
      });
      expect(await store.decide(newId(), "call_x", { decision: "deny" })).toEqual({
        ok: false,
        reason: "not_pending",
      });
      await store.openApproval(id, "call_2");
      await store.finish(id);
      expect(await store.decide(id, "call_2", { decision: "allow" })).toEqual({
        ok: false,
        reason: "not_pending",
      });
    });

    it("lets the run's timeout and a late click race: whichever comes first is the decision", async () => {
      const store = await make();
      const { id } = await liveStream(store);
      await store.openApproval(id, "call_3");
      expect(await store.decide(id, "call_3", { decision: "timeout" })).toEqual({ ok: true });
      expect(await store.decide(id, "call_3", { decision: "allow" })).toMatchObject({
        reason: "decided",
        decision: { decision: "timeout" },
      });
    });

    it("keeps a pending call however far the log is trimmed", async () => {
      const store = await make(8 * 1024);
      const { id, heard } = await liveStream(store);
      await store.openApproval(id, "call_4");
      for (let n = 0; n < 40; n++) await store.append(id, big(n));
      const reader = store.read(id, 0, new AbortController().signal);
      expect((await reader.next()).value?.[0]).toMatchObject({ gone: "evicted" });
      await reader.return();
      expect(await store.decide(id, "call_4", { decision: "deny" })).toEqual({ ok: true });
      await heardOnce(heard);
      expect(heard).toEqual([["call_4", { decision: "deny" }]]);
    });

    it("stops telling a run that stopped listening", async () => {
      const store = await make();
      const { id, heard, stop } = await liveStream(store);
      await store.openApproval(id, "call_5");
      await stop();
      expect(await store.decide(id, "call_5", { decision: "allow" })).toEqual({ ok: true });
      // A listener still there would hear the decision by the time the next round trip is back.
      await store.status(id);
      await store.status(id);
      expect(heard).toEqual([]);
    });
  });
}
