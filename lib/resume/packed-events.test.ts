import { describe, expect, it } from "vitest";
import { packEvents, unpackBatch } from "./packed-events";
import { READ_BATCH_EVENTS, type StoredEvent } from "./stream-store";

const events: StoredEvent[] = Array.from({ length: READ_BATCH_EVENTS * 2 + 3 }, (_, i) => ({
  id: 10 + i,
  event: i === 0 ? "start" : i % 5 === 0 ? "tool_call" : "message",
  data: JSON.stringify({ content: `第${i}段 🙂`.repeat(i % 4) || "x" }),
}));

describe("packed events", () => {
  it("unpack, batch after batch, to exactly the events that were packed", () => {
    const packed = packEvents(events);
    const out: StoredEvent[] = [];
    for (
      let batch = unpackBatch(packed, 10, 0);
      batch.length > 0;
      batch = unpackBatch(packed, 10, out.length)
    ) {
      expect(batch.length).toBeLessThanOrEqual(READ_BATCH_EVENTS);
      out.push(...batch);
    }
    expect(out).toEqual(events);
  });

  it("start a batch at any index, its ids counted from the first kept one", () => {
    const packed = packEvents(events);
    expect(unpackBatch(packed, 10, 7)[0]).toEqual(events[7]);
    expect(unpackBatch(packed, 10, events.length)).toEqual([]);
  });
});
