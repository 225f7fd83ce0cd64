import { describe, expect, it } from "vitest";
import { ReaderSlots } from "./reader-slots";

const limits = { perStream: 2, perClient: 3 };

describe("ReaderSlots", () => {
  it("refuses a client past its limit, whatever the stream, and a stream past its own", () => {
    const slots = new ReaderSlots();
    expect(slots.take("a", "me", limits).ok).toBe(true);
    expect(slots.take("b", "me", limits).ok).toBe(true);
    expect(slots.take("c", "me", limits).ok).toBe(true);
    expect(slots.take("d", "me", limits)).toEqual({ ok: false, full: "client" });
    expect(slots.take("a", "you", limits).ok).toBe(true);
    expect(slots.take("a", "them", limits)).toEqual({ ok: false, full: "stream" });
    expect(slots.count({ client: "me" })).toBe(3);
    expect(slots.count({ stream: "a" })).toBe(2);
  });

  it("gives a slot back once, however often it is released, and forgets who holds none", () => {
    const slots = new ReaderSlots();
    const first = slots.take("a", "me", limits);
    const second = slots.take("a", "me", limits);
    if (!first.ok || !second.ok) throw new Error("expected slots");
    expect(slots.take("a", "you", limits).ok).toBe(false);
    first.release();
    first.release();
    expect(slots.count({ stream: "a" })).toBe(1);
    expect(slots.count({ client: "me" })).toBe(1);
    second.release();
    expect(slots.count({ stream: "a" })).toBe(0);
    expect(slots.count({ client: "me" })).toBe(0);
    expect(slots.take("a", "you", limits).ok).toBe(true);
  });
});
