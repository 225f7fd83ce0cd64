import { describe, expect, inject, it } from "vitest";
import { createPrng } from "@/scripts/load/prng";
import { pollUntil } from "../../lib/testing/poll-until";
import {
  closedUpstreamRequest,
  frameEvent,
  nonce,
  readFrames,
  TOOL_ROUND_TRIP,
  upstreamRequests,
} from "../../lib/testing/sse-client";

// PROTOCOL.md section 8 through the built app (one instance, streams in memory): a resumable answer
// survives its connection, re-attaches to the event, stops on DELETE, and never runs twice.

const app = inject("appUrl");
const upstream = inject("upstreamUrl");

const seed = Number(process.env.RESUME_SEED ?? Math.floor(Math.random() * 2 ** 31));
const prng = createPrng(seed);
const random = () => prng.next();

function start(prompt: string, extra: Record<string, unknown> = {}) {
  return fetch(`${app}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ prompt, resumable: true, ...extra }),
  });
}

function attach(id: string, after?: number, how: "header" | "query" = "header") {
  if (after === undefined) return fetch(`${app}/api/chat/${id}`);
  return how === "header"
    ? fetch(`${app}/api/chat/${id}`, { headers: { "Last-Event-ID": String(after) } })
    : fetch(`${app}/api/chat/${id}?after=${after}`);
}

const names = (frames: string[]) => frames.map((frame) => frameEvent(frame).event);
const collapsed = (list: string[]) => list.filter((name, i) => name !== list[i - 1]);

const TOOL_PROMPT = '[[scenario:{"name":"tool","delayMs":8}]]';

describe(`resumable answers (seed ${seed}; RESUME_SEED=${seed} replays it)`, () => {
  it("starts detached, says its stream id, and streams the usual events", async () => {
    const response = await start(`${TOOL_PROMPT} ${nonce()}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const id = response.headers.get("x-stream-id") ?? "";
    expect(id).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const { frames, done } = await readFrames(response);
    expect(done).toBe(true);
    expect(collapsed(names(frames))).toEqual([...TOOL_ROUND_TRIP, "done"]);
    // Ids count from 1 with no gap.
    const ids = frames.flatMap((frame) => /^id: (\d+)$/m.exec(frame)?.[1] ?? []).map(Number);
    expect(ids).toEqual(ids.map((_, i) => i + 1));
  });

  it("re-attached at random cuts, gives exactly the uninterrupted answer, with one upstream request per round", async () => {
    for (let run = 0; run < 3; run++) {
      const marker = nonce();
      const first = await start(`${TOOL_PROMPT} ${marker}`);
      const id = first.headers.get("x-stream-id") ?? "";
      const pieces: string[] = [];
      let part = await readFrames(first, { limit: 1 + Math.floor(random() * 6) });
      pieces.push(...part.frames);
      let cuts = 1;
      while (!part.done) {
        const how = random() < 0.5 ? "header" : "query";
        const limit = random() < 0.3 ? undefined : 1 + Math.floor(random() * 12);
        part = await readFrames(
          await attach(id, part.lastId || lastIdOf(pieces), how),
          limit ? { limit } : {},
        );
        pieces.push(...part.frames);
        cuts++;
        expect(cuts).toBeLessThan(200);
      }
      const whole = await readFrames(await attach(id));
      expect(pieces).toEqual(whole.frames);
      expect(collapsed(names(whole.frames))).toEqual([...TOOL_ROUND_TRIP, "done"]);
      // The tool round and the answer round: two model calls, however often the reader came back.
      expect(await upstreamRequests(upstream, marker)).toHaveLength(2);
    }
  });

  it("keeps running when its only connection drops, and finishes for a later reader", async () => {
    const marker = nonce();
    const first = await start(`[[scenario:{"name":"text","delayMs":5}]] ${marker}`);
    const id = first.headers.get("x-stream-id") ?? "";
    const seen = await readFrames(first, { limit: 2 });
    // Nobody reads now; the upstream request must still run to its end, not be closed early.
    const [request] = await pollUntil(
      () => upstreamRequests(upstream, marker),
      ([recorded]) => recorded?.completedAt !== undefined || recorded?.closedAt !== undefined,
      Date.now() + 5_000,
    );
    expect(request?.completedAt).toBeDefined();
    const rest = await readFrames(await attach(id, seen.lastId));
    expect(rest.done).toBe(true);
    expect(frameEvent(rest.frames.at(-2) ?? "")).toMatchObject({
      event: "end",
      data: { finish_reason: "stop" },
    });
    expect(/^id: (\d+)$/m.exec(rest.frames[0] ?? "")?.[1]).toBe(String(seen.lastId + 1));
  });

  it("serves several readers at once, each the whole stream", async () => {
    const first = await start(`${TOOL_PROMPT} ${nonce()}`);
    const id = first.headers.get("x-stream-id") ?? "";
    const [a, b, c] = await Promise.all([
      readFrames(first),
      readFrames(await attach(id)),
      readFrames(await attach(id, 0, "query")),
    ]);
    expect(a.done && b.done && c.done).toBe(true);
    expect(b.frames).toEqual(a.frames);
    expect(c.frames).toEqual(a.frames);
  });

  it("stops on DELETE within a second: the upstream call closes and every reader gets end cancelled", async () => {
    const marker = nonce();
    const first = await start(`[[scenario:slow]] ${marker}`);
    const id = first.headers.get("x-stream-id") ?? "";
    const second = attach(id);
    const seen = await readFrames(first, { limit: 2 });
    const deletedAt = Date.now();
    const deleted = await fetch(`${app}/api/chat/${id}`, { method: "DELETE" });
    expect(deleted.status).toBe(202);
    expect(await deleted.json()).toEqual({ id, status: "cancelling" });
    const other = await readFrames(await second);
    expect(other.done).toBe(true);
    expect(frameEvent(other.frames.at(-2) ?? "")).toMatchObject({
      event: "end",
      data: { finish_reason: "cancelled" },
    });
    const request = await closedUpstreamRequest(upstream, marker, Date.now() + 2_000);
    expect((request?.closedAt ?? Infinity) - deletedAt).toBeLessThan(1_000);
    expect(request?.completedAt).toBeUndefined();
    // What arrived stays replayable, and a second DELETE says it is over.
    const replay = await readFrames(await attach(id, seen.lastId));
    expect(frameEvent(replay.frames.at(-2) ?? "")).toMatchObject({
      event: "end",
      data: { finish_reason: "cancelled" },
    });
    const again = await fetch(`${app}/api/chat/${id}`, { method: "DELETE" });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id, status: "finished" });
  });

  it("tells a reader who already has the end of a finished answer to stop (204), as EventSource needs", async () => {
    const first = await start(`hello ${nonce()}`);
    const id = first.headers.get("x-stream-id") ?? "";
    const all = await readFrames(first);
    const last = lastIdOf(all.frames);
    const reconnect = await attach(id, last);
    expect(reconnect.status).toBe(204);
    const one = await readFrames(await attach(id, last - 1));
    expect(one.frames.map((frame) => frameEvent(frame).event)).toEqual(["end", "done"]);
  });

  it("answers an unknown id with 404, a bad Last-Event-ID with 400, other methods with 405", async () => {
    for (const response of [
      await attach("AAAAAAAAAAAAAAAAAAAAAAAA"),
      await attach("not a stream id"),
      await fetch(`${app}/api/chat/AAAAAAAAAAAAAAAAAAAAAAAA`, { method: "DELETE" }),
    ]) {
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        error: { code: "stream_not_found", message: expect.stringContaining("RESUME_TTL_S") },
      });
    }
    const bad = await fetch(`${app}/api/chat/AAAAAAAAAAAAAAAAAAAAAAAA`, {
      headers: { "Last-Event-ID": "seven" },
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: { code: "invalid_request", message: expect.stringMatching(/^Last-Event-ID: /) },
    });
    const post = await fetch(`${app}/api/chat/AAAAAAAAAAAAAAAAAAAAAAAA`, { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, DELETE");
  });

  it("ignores resumable for stream:false, which answers in one JSON object as before", async () => {
    const response = await start(`hello ${nonce()}`, { stream: false });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-stream-id")).toBeNull();
    expect(await response.json()).toMatchObject({ finish_reason: "stop", content: expect.any(String) });
  });

  it("refuses a model not on offer before opening any stream", async () => {
    const response = await start("hi", { model: "gpt-9" });
    expect(response.status).toBe(400);
    expect(response.headers.get("x-stream-id")).toBeNull();
  });
});

function lastIdOf(frames: string[]): number {
  for (let i = frames.length - 1; i >= 0; i--) {
    const id = /^id: (\d+)$/m.exec(frames[i] ?? "")?.[1];
    if (id !== undefined) return Number(id);
  }
  return 0;
}
