import { describe, expect, it } from "vitest";
import type { ChatEvent } from "@/lib/protocol";
import { type RunObserver, startDetachedRun } from "./detached-run";
import { MemoryStreamStore } from "./memory-stream-store";
import { CONTRACT_LIMITS } from "./stream-store.contract";

// A run's observer (a stored answer's saving, lib/history/record-answer.ts) sees each event before
// the log has it, can hold one back until a save is done, and is closed before the log is finished,
// whether the run ended or was cut short.

const START: ChatEvent = { event: "start", data: { model: "deepseek-flash", reasoning: "disabled" } };
const message = (content: string): ChatEvent => ({ event: "message", data: { content } });

async function* events(list: ChatEvent[], failAfter?: number): AsyncGenerator<ChatEvent, void> {
  for (const [i, event] of list.entries()) {
    if (i === failAfter) throw new Error("the model's stream broke");
    yield event;
  }
}

/** The log's events as their names and data. */
async function logOf(store: MemoryStreamStore, id: string): Promise<{ event: string; data: unknown }[]> {
  const seen: { event: string; data: unknown }[] = [];
  for await (const batch of store.read(id, 0, new AbortController().signal)) {
    for (const item of batch)
      if ("event" in item) seen.push({ event: item.event, data: JSON.parse(item.data) });
  }
  return seen;
}

describe("startDetachedRun with an observer", () => {
  it("logs what the observer makes of each event, holding an event until its promise settles", async () => {
    const store = new MemoryStreamStore(CONTRACT_LIMITS);
    const notes: string[] = [];
    let release = () => {};
    const observer: RunObserver = {
      see(event) {
        notes.push(`see ${event.event}`);
        if (event.event === "start") return { event: "start", data: { ...event.data, answer_id: "a" } };
        if (event.event === "message" && event.data.content === "held")
          return new Promise<ChatEvent>((resolve) => {
            release = () => resolve(event);
          });
        return event;
      },
      async close() {
        notes.push(`close, log ${await store.status("s")}`);
      },
    };
    const run = await startDetachedRun(
      store,
      events([START, message("held"), message("after")]),
      new AbortController(),
      "me",
      {
        id: "s",
        observer,
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The held event keeps the run waiting: nothing after it was seen or logged.
    expect(notes).toEqual(["see start", "see message"]);
    release();
    await run.done;
    expect(notes).toEqual(["see start", "see message", "see message", "close, log live"]);
    expect(await logOf(store, "s")).toEqual([
      { event: "start", data: { model: "deepseek-flash", reasoning: "disabled", answer_id: "a" } },
      message("held"),
      message("after"),
    ]);
    await store.close();
  });

  it("closes the observer of a run cut short, and stops the model", async () => {
    const store = new MemoryStreamStore(CONTRACT_LIMITS);
    let closed = 0;
    const abort = new AbortController();
    const run = await startDetachedRun(store, events([START, message("a"), message("b")], 2), abort, "me", {
      id: "s",
      observer: {
        see: (event) => event,
        close: async () => {
          closed++;
        },
      },
    });
    await run.done;
    expect(closed).toBe(1);
    expect(abort.signal.aborted).toBe(true);
    expect(await store.status("s")).toBe("finished");
    await store.close();
  });
});
