import { describe, expect, it } from "vitest";
import { reduceEvent } from "@/lib/chat-client/reduce-event";
import type { UIMessage } from "@/lib/chat-client/types";
import type { ChatEvent } from "@/lib/protocol/events";
import { AnswerDraft } from "./answer-draft";

// The draft must hold, whenever it is read, exactly the message the client's reducer makes event by
// event, with each event stamped with the time it came.

const START: ChatEvent = { event: "start", data: { model: "deepseek-flash", reasoning: "enabled" } };
const END: ChatEvent = {
  event: "end",
  data: {
    finish_reason: "stop",
    stats: {
      tool_calls: 0,
      tool_results: 0,
      tokens: { prompt: 1, completion: 2, total: 3 },
      timing_ms: { first_byte: 1, total: 2 },
    },
  },
};

/** A small deterministic generator, so that a failing sequence can be found again. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function eventsOf(next: () => number, length: number): ChatEvent[] {
  const events: ChatEvent[] = [START];
  const open: string[] = [];
  for (let i = 0; i < length; i++) {
    const roll = next();
    if (roll < 0.35) events.push({ event: "reasoning", data: { content: `r${i} ` } });
    else if (roll < 0.75) events.push({ event: "message", data: { content: `m${i} ` } });
    else if (roll < 0.85) {
      open.push(`t${i}`);
      events.push({ event: "tool_call", data: { id: `t${i}`, type: "mcp", name: "clock", arguments: {} } });
    } else if (roll < 0.95 && open.length > 0) {
      events.push({ event: "tool_result", data: { tool_call_id: open.shift() ?? "", result: { i } } });
    } else if (roll < 0.97) {
      events.push({ event: "error", data: { finish_reason: "error", message: `failed at ${i}` } });
    }
  }
  events.push(END);
  return events;
}

const empty = (): UIMessage => ({
  id: "a",
  role: "assistant",
  content: "",
  parts: [],
  createdAt: 1_000,
  status: "streaming",
});

describe("AnswerDraft", () => {
  it("reads as the reducer's message after every event, whenever it is read", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const next = random(seed);
      const events = eventsOf(next, 60);
      const draft = new AnswerDraft("a", 1_000);
      let expected = empty();
      events.forEach((event, i) => {
        const at = 2_000 + i * 10;
        expected = reduceEvent(expected, event, at);
        draft.add(event, () => at);
        // Saves read it at any point: between deltas of one run too.
        if (next() < 0.2) expect(draft.message(), `seed ${seed}, event ${i}`).toEqual(expected);
      });
      expect(draft.message(), `seed ${seed}`).toEqual(expected);
    }
  });

  it("reads the clock once per run of deltas, not once per delta", () => {
    const draft = new AnswerDraft("a", 1_000);
    let reads = 0;
    const clock = () => {
      reads++;
      return 5_000 + reads;
    };
    draft.add(START, clock);
    for (let i = 0; i < 50; i++) draft.add({ event: "reasoning", data: { content: "r" } }, clock);
    for (let i = 0; i < 50; i++) draft.add({ event: "message", data: { content: "m" } }, clock);
    expect(reads).toBe(3);
    expect(draft.message().parts).toEqual([
      { type: "reasoning", text: "r".repeat(50), startedAt: 5_002, endedAt: 5_003 },
      { type: "text", text: "m".repeat(50) },
    ]);
  });
});
