import { type ChatEvent, type EventData, parseEventData, parseSseStream, type SseItem } from "@/lib/protocol";
import { pollUntil } from "./poll-until";

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

/**
 * The first upstream request carrying `marker` once the upstream has seen its connection close
 * (or as it stands at `deadline`, epoch ms): for "the model call stopped within a second" checks.
 */
export async function closedUpstreamRequest(
  upstreamUrl: string,
  marker: string,
  deadline: number,
): Promise<RecordedRequest | undefined> {
  const [request] = await pollUntil(
    () => upstreamRequests(upstreamUrl, marker),
    ([recorded]) => recorded?.closedAt !== undefined,
    deadline,
  );
  return request;
}

/**
 * The raw SSE frames of a response as they arrive (pings left out), optionally dropping the
 * connection after `limit` events: what a client whose network fails mid-answer got.
 */
export async function readFrames(
  response: Response,
  options: { limit?: number } = {},
): Promise<{ frames: string[]; events: number; lastId: number; done: boolean }> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const frames: string[] = [];
  let buffer = "";
  let events = 0;
  let lastId = 0;
  let done = false;
  try {
    while (!done && (options.limit === undefined || events < options.limit)) {
      const chunk = await reader.read();
      if (chunk.done) break;
      buffer += decoder.decode(chunk.value, { stream: true });
      let end = buffer.indexOf("\n\n");
      while (end !== -1) {
        const frame = buffer.slice(0, end + 2);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf("\n\n");
        if (frame.startsWith(":")) continue;
        frames.push(frame);
        if (frame.startsWith("event: done")) {
          done = true;
          break;
        }
        const id = /^id: (\d+)$/m.exec(frame)?.[1];
        if (id !== undefined) {
          events++;
          lastId = Number(id);
          if (options.limit !== undefined && events >= options.limit) break;
        }
      }
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return { frames, events, lastId, done };
}

/** The event name and JSON data of a raw frame. */
export function frameEvent(frame: string): { event: string; data: unknown } {
  const event = /^event: (.*)$/m.exec(frame)?.[1] ?? "";
  const data = /^data: (.*)$/m.exec(frame)?.[1] ?? "";
  return { event, data: event === "done" ? data : JSON.parse(data) };
}
