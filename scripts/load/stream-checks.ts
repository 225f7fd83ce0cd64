import { isDeepStrictEqual } from "node:util";
import type { ChatEvent, EventData } from "@/lib/protocol";
import { shape, text } from "../../lib/testing/sse-client";
import type { StreamChatResult } from "./stream-chat";

// What one stream must look like under load: PROTOCOL.md section 2's grammar, and the same content
// as the same scenario gives when it runs alone (the reference). Each check returns the problems
// it found, so a report can say what broke rather than only that something did.

export const SSE_CONTENT_TYPE = "text/event-stream; charset=utf-8";

/** The parts of a stream that must not depend on load. Tool call ids are the server's own. */
export interface Reference {
  shape: string[];
  reasoningEnabled: boolean;
  reasoning: string;
  message: string;
  toolCalls: { name: string; arguments: unknown; server: unknown }[];
  toolResults: unknown[];
  finishReason: string;
  tokens: unknown;
}

function eventsOf(result: StreamChatResult): ChatEvent[] {
  return result.items.flatMap((item) => (item.kind === "event" ? [item.event] : []));
}

function dataOf<K extends ChatEvent["event"]>(events: ChatEvent[], name: K): EventData[K][] {
  return events.filter((e) => e.event === name).map((e) => e.data as EventData[K]);
}

function toolCalls(events: ChatEvent[]): Reference["toolCalls"] {
  return dataOf(events, "tool_call").map((call) => ({
    name: call.name,
    arguments: call.arguments,
    server: call.server,
  }));
}

function toolResults(events: ChatEvent[]): unknown[] {
  return dataOf(events, "tool_result").map((r) => ("error" in r ? { error: r.error } : { result: r.result }));
}

/** Ids 1..n with no gap, start first, reasoning only when enabled, every result after its own call. */
function commonProblems(result: StreamChatResult): string[] {
  const problems: string[] = [];
  if (result.status !== 200) problems.push(`status ${result.status}`);
  if (result.contentType !== SSE_CONTENT_TYPE) problems.push(`content-type '${result.contentType}'`);
  const ids = result.items.flatMap((item) => (item.kind === "event" ? [item.id] : []));
  const gap = ids.findIndex((id, i) => id !== i + 1);
  if (gap >= 0) problems.push(`event ${gap + 1} has id ${String(ids[gap])}`);
  const events = eventsOf(result);
  if (events.length > 0 && events[0]?.event !== "start") problems.push(`first event is ${events[0]?.event}`);
  if (events.slice(1).some((e) => e.event === "start")) problems.push("a second start");
  const start = dataOf(events, "start")[0];
  if (start?.reasoning === "disabled" && events.some((e) => e.event === "reasoning")) {
    problems.push("reasoning events with reasoning disabled");
  }
  const called = new Set<string>();
  const answered = new Set<string>();
  for (const event of events) {
    if (event.event === "tool_call") {
      if (called.has(event.data.id)) problems.push(`tool_call id ${event.data.id} twice`);
      called.add(event.data.id);
    }
    if (event.event === "tool_result") {
      const id = event.data.tool_call_id;
      if (!called.has(id)) problems.push(`tool_result for ${id} before or without its tool_call`);
      if (answered.has(id)) problems.push(`two tool_results for ${id}`);
      answered.add(id);
    }
  }
  return problems;
}

/** A stream that ran to `done`: the whole grammar, then the reference's content. */
export function completeStreamProblems(result: StreamChatResult, reference: Reference): string[] {
  const problems = commonProblems(result);
  // Without a whole stream, comparing content would only repeat the failure at length.
  if (result.failure) return [...problems, result.failure];
  const events = eventsOf(result);
  const last = result.items.at(-1);
  if (last?.kind !== "done") problems.push("does not finish with done");
  if (result.items.at(-2)?.kind !== "event" || events.at(-1)?.event !== "end") {
    problems.push("end is not the last event before done");
  }
  if (events.filter((e) => e.event === "end").length !== 1) problems.push("not exactly one end");
  const errorAt = events.findIndex((e) => e.event === "error");
  if (errorAt >= 0 && errorAt !== events.length - 2) problems.push("an error event not right before end");
  const end = dataOf(events, "end")[0];
  const calls = dataOf(events, "tool_call").length;
  const results = dataOf(events, "tool_result").length;
  if (end && (end.stats.tool_calls !== calls || end.stats.tool_results !== results)) {
    problems.push(
      `end stats count ${end.stats.tool_calls}/${end.stats.tool_results}, stream ${calls}/${results}`,
    );
  }
  if (calls !== results) problems.push(`${calls} tool_calls but ${results} tool_results`);
  const actual = toReference(result);
  for (const key of Object.keys(reference) as (keyof Reference)[]) {
    if (!isDeepStrictEqual(actual[key], reference[key])) {
      problems.push(
        `${key} differs from the scenario run alone: ${preview(actual[key])} vs ${preview(reference[key])}`,
      );
    }
  }
  return problems;
}

/**
 * A stream we cut: what arrived must be a valid beginning of the reference stream. A cut before
 * the response headers leaves nothing to check. `end` may only be the last thing received (the cut
 * fell between `end` and `done`), and then everything must match; `error` never belongs here.
 */
export function cutStreamProblems(result: StreamChatResult, reference: Reference): string[] {
  if (result.status === 0 && result.items.length === 0 && !result.failure) return [];
  const problems = commonProblems(result);
  if (result.failure) return [...problems, result.failure];
  const events = eventsOf(result);
  if (events.some((e) => e.event === "error")) problems.push("an error event before the cut");
  const endAt = events.findIndex((e) => e.event === "end");
  const ended = endAt >= 0;
  if (ended && endAt !== events.length - 1) problems.push("events after end");
  // Before end, the last run of a cut stream may be short, but its kind must be the reference's.
  const matches = (actual: unknown[], expected: unknown[]) =>
    isDeepStrictEqual(actual, ended ? expected : expected.slice(0, actual.length));
  const actualShape = shape(events);
  if (!matches(actualShape, reference.shape)) {
    problems.push(`shape ${actualShape.join(",")} does not match ${reference.shape.join(",")}`);
  }
  for (const kind of ["reasoning", "message"] as const) {
    const got = text(events, kind);
    if (ended ? got !== reference[kind] : !reference[kind].startsWith(got)) problems.push(`${kind} differs`);
  }
  if (!matches(toolCalls(events), reference.toolCalls)) problems.push("tool calls differ");
  if (!matches(toolResults(events), reference.toolResults)) problems.push("tool results differ");
  return problems;
}

export function toReference(result: StreamChatResult): Reference {
  const events = eventsOf(result);
  const end = dataOf(events, "end")[0];
  return {
    shape: shape(events),
    reasoningEnabled: dataOf(events, "start")[0]?.reasoning === "enabled",
    reasoning: text(events, "reasoning"),
    message: text(events, "message"),
    toolCalls: toolCalls(events),
    toolResults: toolResults(events),
    finishReason: end?.finish_reason ?? "(no end)",
    tokens: end?.stats.tokens,
  };
}

function preview(value: unknown): string {
  const json = JSON.stringify(value) ?? "undefined";
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}
