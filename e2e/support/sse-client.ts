import { type ChatEvent, type EventData, parseEventData, parseSseStream, type SseItem } from "@/lib/protocol";

// Test helpers over the wire: raw SSE text and parsed events from a real HTTP response.

export function nonce(): string {
  return `#${Math.random().toString(36).slice(2, 10)}`;
}

export async function readSse(
  response: Response,
): Promise<{ raw: string; items: SseItem[]; events: ChatEvent[] }> {
  const raw = await response.text();
  const items: SseItem[] = [];
  // Strict: every event must satisfy the protocol's schema, or the test fails.
  const body = new Response(raw).body as ReadableStream<Uint8Array>;
  for await (const item of parseSseStream(body, { validate: parseEventData })) items.push(item);
  const events = items.flatMap((item) => (item.kind === "event" ? [item.event] : []));
  return { raw, items, events };
}

/** The shape of a stream with one tool round, thinking on (PROTOCOL.md section 3). */
export const TOOL_ROUND_TRIP = [
  "start",
  "reasoning",
  "tool_call",
  "tool_result",
  "reasoning",
  "message",
  "end",
];

/** Event names with runs collapsed: the shape of the stream. */
export function shape(events: ChatEvent[]): string[] {
  return events.map((e) => e.event).filter((name, i, all) => name !== all[i - 1]);
}

export function dataOf<K extends ChatEvent["event"]>(events: ChatEvent[], name: K): EventData[K][] {
  return events.filter((e) => e.event === name).map((e) => e.data as EventData[K]);
}

export function text(events: ChatEvent[], name: "reasoning" | "message"): string {
  return events
    .filter((e) => e.event === name)
    .map((e) => (e.data as { content: string }).content)
    .join("");
}

export interface RecordedRequest {
  seq: number;
  body: unknown;
  status: number;
  receivedAt: number;
  closedAt?: number;
  completedAt?: number;
}

export async function upstreamRequests(upstreamUrl: string, marker: string): Promise<RecordedRequest[]> {
  const response = await fetch(`${upstreamUrl}/__upstream/requests`);
  const all = (await response.json()) as RecordedRequest[];
  return all.filter((r) => JSON.stringify(r.body).includes(marker));
}
