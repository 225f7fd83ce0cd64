import { describe, expect, it, vi } from "vitest";
import type { ChatEvent } from "@/lib/protocol/events";
import { DONE_EVENT, encodeEvent } from "@/lib/protocol/sse-encoder";
import { CONNECTION_LOST, MALFORMED_STREAM, STREAM_EXPIRED, UNREACHABLE } from "./answer-run";
import { ChatController, type ChatControllerOptions } from "./chat-controller";
import { TOOL_UNFINISHED } from "./reduce-event";
import { ev } from "./test-support";
import type { UIMessage } from "./types";

const encoder = new TextEncoder();

/** A streaming response whose body the test writes, erroring when the request is aborted, like fetch. */
function controllableStream(signal: AbortSignal, headers: Record<string, string> = {}) {
  let sink!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      sink = controller;
    },
  });
  signal.addEventListener("abort", () => sink.error(new DOMException("aborted", "AbortError")));
  let id = 0;
  return {
    response: new Response(body, { headers: { "Content-Type": "text/event-stream", ...headers } }),
    /** The id the next pushed event gets: a re-attached stream goes on from the reader's Last-Event-ID. */
    from: (next: number) => {
      id = next - 1;
    },
    push: (...events: ChatEvent[]) => {
      for (const event of events) {
        id += 1;
        sink.enqueue(encoder.encode(encodeEvent(id, event)));
      }
    },
    raw: (text: string) => sink.enqueue(encoder.encode(text)),
    close: () => sink.close(),
  };
}

type Stream = ReturnType<typeof controllableStream>;

interface Recorded {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  signal: AbortSignal;
}

function setup(options: ChatControllerOptions = {}, { realFrames = false, streamId = "" } = {}) {
  const requests: Recorded[] = [];
  const streams: Stream[] = [];
  const canned: (() => Response | Promise<Response>)[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit) => {
    const signal = init?.signal ?? new AbortController().signal;
    requests.push({
      url: String(input),
      method: init?.method ?? "GET",
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      body: init?.body ? JSON.parse(String(init.body)) : {},
      signal,
    });
    if (init?.method === "DELETE") return new Response(null, { status: 202 });
    const next = canned.shift();
    if (next) return next();
    const stream = controllableStream(signal, streamId ? { "X-Stream-Id": streamId } : {});
    streams.push(stream);
    return stream.response;
  };
  const pending = new Set<() => void>();
  const clock = { now: 1000 };
  let ids = 0;
  const changes: UIMessage[][] = [];
  const controller = new ChatController({
    fetch: fetchImpl as typeof fetch,
    // the real default: requestAnimationFrame, or (as here, in node) a 16 ms timer
    ...(realFrames
      ? {}
      : {
          scheduleFrame: (callback: () => void) => {
            pending.add(callback);
            return () => pending.delete(callback);
          },
        }),
    now: () => clock.now,
    createId: () => `m${++ids}`,
    onChange: (messages) => changes.push(messages),
    ...options,
  });
  let notifications = 0;
  controller.subscribe(() => {
    notifications += 1;
  });
  const runFrame = () => {
    const callbacks = [...pending];
    pending.clear();
    for (const callback of callbacks) callback();
  };
  const stream = async (index = 0): Promise<Stream> => {
    await vi.waitFor(() => expect(streams[index]).toBeDefined(), { interval: 1 });
    return streams[index] as Stream;
  };
  const settled = () => vi.waitFor(() => expect(controller.status).not.toBe("streaming"), { interval: 1 });
  return {
    controller,
    requests,
    canned,
    changes,
    clock,
    runFrame,
    stream,
    settled,
    notifications: () => notifications,
    last: () => controller.getSnapshot().messages.at(-1),
  };
}

const thinking = { thinking: true };

describe("ChatController streaming", () => {
  it("posts the conversation and reduces the stream into an assistant message", async () => {
    const t = setup({ endpoint: "/custom" });
    t.controller.send("分析一下 600519", { thinking: false, model: "deepseek-pro" });
    expect(t.controller.getSnapshot().status).toBe("streaming");
    expect(t.last()).toMatchObject({ role: "assistant", status: "streaming", parts: [] });
    const s = await t.stream();
    expect(t.requests[0]).toMatchObject({
      url: "/custom",
      body: {
        messages: [{ role: "user", content: "分析一下 600519" }],
        thinking: false,
        model: "deepseek-pro",
        stream: true,
        resumable: true,
      },
    });
    s.push(ev.start("disabled"), ev.message("贵州"), ev.message("茅台"), ev.end());
    s.raw(DONE_EVENT);
    await t.settled();
    const snapshot = t.controller.getSnapshot();
    expect(snapshot.status).toBe("done");
    expect(snapshot.messages).toHaveLength(2);
    expect(snapshot.messages[1]).toMatchObject({
      content: "贵州茅台",
      status: "done",
      model: "deepseek-flash",
    });
    expect(t.controller.getSnapshot()).toBe(snapshot); // stable identity while nothing changes
  });

  it("notifies at most once per frame: 5,000 chunks are a handful of renders", async () => {
    const t = setup();
    t.controller.send("long answer please", thinking);
    const s = await t.stream();
    s.push(ev.start());
    let seenMidway: string | undefined;
    for (let batch = 0; batch < 5; batch++) {
      for (let i = 0; i < 1000; i++) s.push(ev.message("字"));
      const expected = (batch + 1) * 1000;
      await vi.waitFor(() => expect(t.controller.messages.at(-1)?.content.length).toBe(expected), {
        interval: 1,
      });
      const before = t.controller.getSnapshot();
      t.runFrame();
      expect(t.controller.getSnapshot()).not.toBe(before);
      if (batch === 2) seenMidway = t.last()?.content;
    }
    expect(seenMidway).toHaveLength(3000);
    s.push(ev.end());
    await t.settled();
    expect(t.last()?.content).toHaveLength(5000);
    // streaming, five frames, done
    expect(t.notifications()).toBe(7);
    // persisted when the turn began and when it ended, never per token (the clock stood still)
    expect(t.changes).toHaveLength(2);
    expect(t.changes[0]?.at(-1)?.status).toBe("streaming");
    expect(t.changes[1]?.at(-1)?.status).toBe("done");
  });

  it("with the default timer scheduler, a fast 5,000-chunk stream still renders far fewer times", async () => {
    const t = setup({}, { realFrames: true });
    t.controller.send("go", thinking);
    const s = await t.stream();
    s.push(ev.start());
    for (let i = 0; i < 5000; i++) s.push(ev.message("x"));
    s.push(ev.end());
    await t.settled();
    expect(t.last()?.content).toHaveLength(5000);
    expect(t.notifications()).toBeLessThan(50);
  });

  it("persists a streaming answer about once a second, so a reload keeps what arrived", async () => {
    const t = setup({ persistIntervalMs: 1000 });
    t.controller.send("q", thinking);
    const s = await t.stream();
    s.push(ev.start(), ev.message("part one"));
    await vi.waitFor(() => expect(t.controller.messages.at(-1)?.content).toBe("part one"), { interval: 1 });
    t.clock.now += 1500;
    t.runFrame();
    expect(t.changes).toHaveLength(2);
    expect(t.changes[1]?.at(-1)).toMatchObject({ content: "part one", status: "streaming" });
  });

  it("Stop aborts the request and ends the message as stopped", async () => {
    const t = setup();
    t.controller.send("q", thinking);
    const s = await t.stream();
    s.push(ev.start(), ev.reasoning("想"), ev.toolCall("c1"));
    await vi.waitFor(() => expect(t.controller.messages.at(-1)?.parts).toHaveLength(2), { interval: 1 });
    t.controller.stop();
    expect(t.requests[0]?.signal.aborted).toBe(true);
    expect(t.controller.status).toBe("stopped");
    const message = t.last();
    expect(message?.status).toBe("stopped");
    expect(message?.parts[0]).toMatchObject({ type: "reasoning", endedAt: 1000 });
    expect(message?.parts[1]).toMatchObject({ type: "tool", status: "failed", error: TOOL_UNFINISHED });
    expect(message?.parts.some((p) => p.type === "error")).toBe(false);
    expect(t.changes.at(-1)?.at(-1)?.status).toBe("stopped");
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(t.last()).toBe(message); // nothing from the aborted stream lands afterwards
  });

  it("a 400 JSON rejection ends the answer with the server's message", async () => {
    const t = setup();
    t.canned.push(() =>
      Response.json(
        { error: { code: "invalid_request", message: "model: deepseek-x is not allowed" } },
        { status: 400 },
      ),
    );
    t.controller.send("q", { thinking: true, model: "deepseek-x" });
    await t.settled();
    expect(t.controller.status).toBe("error");
    expect(t.last()).toMatchObject({
      status: "error",
      error: { message: "model: deepseek-x is not allowed", code: "invalid_request" },
    });
    expect(t.last()?.parts).toEqual([
      {
        type: "error",
        message: "model: deepseek-x is not allowed",
        code: "invalid_request",
        finish_reason: "error",
      },
    ]);
  });

  it("a 401 says the access code is needed; a 429 says when to retry", async () => {
    const t = setup();
    t.canned.push(
      () =>
        Response.json({ error: { code: "unauthorized", message: "send Authorization" } }, { status: 401 }),
      () => new Response("<html>slow down</html>", { status: 429, headers: { "Retry-After": "7" } }),
    );
    t.controller.send("q", thinking);
    await t.settled();
    expect(t.last()?.error).toMatchObject({
      code: "unauthorized",
      message: expect.stringMatching(/access code/),
    });
    t.controller.send("q", thinking);
    await t.settled();
    expect(t.last()?.error).toMatchObject({ code: "http_429", message: expect.stringMatching(/7 s/) });
  });

  it("a body that ends without `end` is a lost connection", async () => {
    const t = setup();
    t.controller.send("q", thinking);
    const s = await t.stream();
    s.push(ev.start(), ev.message("half an ans"));
    s.close();
    await t.settled();
    expect(t.controller.status).toBe("error");
    expect(t.last()).toMatchObject({ status: "interrupted", content: "half an ans" });
    expect(t.last()?.parts.at(-1)).toMatchObject({
      type: "error",
      message: CONNECTION_LOST,
      code: "connection_lost",
    });
  });

  it("a fetch that fails outright says the server could not be reached", async () => {
    const t = setup();
    t.canned.push(() => Promise.reject(new TypeError("Failed to fetch")));
    t.controller.send("q", thinking);
    await t.settled();
    expect(t.last()).toMatchObject({ status: "interrupted", error: { message: UNREACHABLE } });
  });

  it("a 200 that is not an event stream is an error, not a silent hang", async () => {
    const t = setup();
    t.canned.push(() => new Response("<html>sign in</html>", { headers: { "Content-Type": "text/html" } }));
    t.controller.send("q", thinking);
    await t.settled();
    expect(t.last()).toMatchObject({ status: "error", error: { code: "not_a_stream" } });
    expect(t.last()?.error?.message).toContain("text/html");
  });

  it("skips a malformed event and fails on data that is not JSON", async () => {
    const t = setup();
    t.controller.send("q", thinking);
    const s = await t.stream();
    s.push(ev.start());
    s.raw('event: message\ndata: {"content":42}\n\n');
    s.push(ev.message("ok"));
    await vi.waitFor(() => expect(t.controller.messages.at(-1)?.content).toBe("ok"), { interval: 1 });
    s.raw("event: message\ndata: not json\n\n");
    await t.settled();
    expect(t.last()).toMatchObject({ status: "error", error: { message: MALFORMED_STREAM } });
  });
});

describe("ChatController conversation edits", () => {
  async function answered(t: ReturnType<typeof setup>, index: number, text: string) {
    const s = await t.stream(index);
    s.push(
      ev.start(),
      ev.toolCall(`call_${index}`),
      ev.result(`call_${index}`, { ok: true }),
      ev.message(text),
      ev.end(),
    );
    await t.settled();
  }

  it("sends earlier answers back with their parts", async () => {
    const t = setup();
    t.controller.send("q1", thinking);
    await answered(t, 0, "a1");
    t.controller.send("q2", thinking);
    await t.stream(1);
    const messages = t.requests[1]?.body.messages as unknown[];
    expect(messages).toEqual([
      { role: "user", content: "q1" },
      {
        role: "assistant",
        content: "a1",
        parts: [
          {
            type: "tool",
            id: "call_0",
            name: "get_stock_info",
            arguments: { code: "600519" },
            result: { ok: true },
          },
          { type: "text", text: "a1" },
        ],
      },
      { role: "user", content: "q2" },
    ]);
  });

  it("regenerate drops the last answer and asks the last question again", async () => {
    const t = setup();
    t.controller.send("q1", thinking);
    await answered(t, 0, "a1");
    t.controller.send("q2", thinking);
    await answered(t, 1, "a2");
    t.controller.regenerate({ thinking: false, model: "deepseek-pro" });
    await t.stream(2);
    const body = t.requests[2]?.body ?? {};
    expect(body.thinking).toBe(false);
    expect(body.model).toBe("deepseek-pro");
    expect((body.messages as { role: string; content: string }[]).map((m) => [m.role, m.content])).toEqual([
      ["user", "q1"],
      ["assistant", "a1"],
      ["user", "q2"],
    ]);
    expect(t.controller.messages.map((m) => m.content)).toEqual(["q1", "a1", "q2", ""]);
  });

  it("edit replaces a user turn, drops what followed and asks again", async () => {
    const t = setup();
    t.controller.send("q1", thinking);
    await answered(t, 0, "a1");
    t.controller.send("q2", thinking);
    await answered(t, 1, "a2");
    const first = t.controller.messages[0] as UIMessage;
    t.controller.edit(first.id, "q1 edited", thinking);
    await t.stream(2);
    expect(t.requests[2]?.body.messages).toEqual([{ role: "user", content: "q1 edited" }]);
    expect(t.controller.messages.map((m) => [m.id, m.content])).toEqual([
      [first.id, "q1 edited"],
      [expect.any(String), ""],
    ]);
    expect(t.changes.at(-1)?.[0]?.content).toBe("q1 edited");
  });

  it("regenerate while streaming stops the running answer first", async () => {
    const t = setup();
    t.controller.send("q1", thinking);
    const s = await t.stream(0);
    s.push(ev.start(), ev.message("partial"));
    await vi.waitFor(() => expect(t.controller.messages.at(-1)?.content).toBe("partial"), { interval: 1 });
    t.controller.regenerate(thinking);
    expect(t.requests[0]?.signal.aborted).toBe(true);
    await t.stream(1);
    expect(t.requests[1]?.body.messages).toEqual([{ role: "user", content: "q1" }]);
  });

  it("setMessages switches conversations, abandoning a running answer", async () => {
    const t = setup();
    t.controller.send("q1", thinking);
    const s = await t.stream(0);
    const other: UIMessage[] = [{ id: "x", role: "user", content: "other", parts: [], createdAt: 1 }];
    const changesBefore = t.changes.length;
    t.controller.setMessages(other);
    expect(t.requests[0]?.signal.aborted).toBe(true);
    expect(t.controller.getSnapshot()).toEqual({ messages: other, status: "idle" });
    expect(t.changes.slice(changesBefore)).toEqual([other]);
    expect(() => s.push(ev.message("late"))).toThrow(); // the aborted body is closed
  });
});

describe("ChatController resumable answers", () => {
  const ID = "stream_abcdefghijklmnop";
  const noWait = async () => true;

  it("remembers the stream id and the last event id with the message while it streams", async () => {
    const t = setup({}, { streamId: ID });
    t.controller.send("q", thinking);
    const s = await t.stream();
    s.push(ev.start(), ev.reasoning("hm"), ev.message("a"));
    await vi.waitFor(() => expect(t.controller.messages.at(-1)?.content).toBe("a"), { interval: 1 });
    expect(t.controller.messages.at(-1)?.resume).toEqual({ streamId: ID, lastEventId: 3 });
    s.push(ev.end());
    await t.settled();
    expect(t.last()).toMatchObject({ status: "done" });
    expect(t.last()).not.toHaveProperty("resume");
  });

  it("re-attaches after a drop with Last-Event-ID and carries on with nothing twice", async () => {
    const delays: number[] = [];
    const flags: (boolean | undefined)[] = [];
    const t = setup(
      {
        reconnectDelay: async (attempt) => {
          delays.push(attempt);
          flags.push(t.controller.getSnapshot().messages.at(-1)?.reconnecting);
          return true;
        },
      },
      { streamId: ID },
    );
    t.controller.send("q", thinking);
    const first = await t.stream();
    first.push(ev.start(), ev.reasoning("think"), ev.message("贵州"));
    await vi.waitFor(() => expect(t.controller.messages.at(-1)?.content).toBe("贵州"), { interval: 1 });
    first.close();
    const second = await t.stream(1);
    // The page said "reconnecting…" while it waited.
    expect(flags).toEqual([true]);
    expect(t.requests[1]).toMatchObject({
      url: `/api/chat/${ID}`,
      method: "GET",
      headers: { "last-event-id": "3" },
    });
    // A server that replays from too early must not duplicate text.
    second.from(3);
    second.push(ev.message("贵州"), ev.message("茅台"), ev.end());
    await t.settled();
    expect(delays).toEqual([0]);
    expect(t.last()).toMatchObject({ status: "done", content: "贵州茅台" });
    expect(t.last()).not.toHaveProperty("reconnecting");
    expect(t.last()?.parts.map((p) => p.type)).toEqual(["reasoning", "text"]);
  });

  it("keeps trying while the network is down, then finishes", async () => {
    const t = setup({ reconnectDelay: noWait }, { streamId: ID });
    t.controller.send("q", thinking);
    const first = await t.stream();
    first.push(ev.start(), ev.message("a"));
    t.canned.push(
      () => Promise.reject(new TypeError("Failed to fetch")),
      () => Promise.reject(new TypeError("Failed to fetch")),
      () => new Response("busy", { status: 503 }),
    );
    first.close();
    const second = await t.stream(1);
    expect(t.requests.filter((r) => r.method === "GET")).toHaveLength(4);
    second.from(3);
    second.push(ev.message("b"), ev.end());
    await t.settled();
    expect(t.last()).toMatchObject({ status: "done", content: "ab" });
  });

  it("starts the backoff afresh after a re-attach that made progress, not after one that did not", async () => {
    const attempts: number[] = [];
    const t = setup(
      {
        reconnectDelay: async (attempt) => {
          attempts.push(attempt);
          return true;
        },
      },
      { streamId: ID },
    );
    t.controller.send("q", thinking);
    const first = await t.stream();
    first.push(ev.start(), ev.message("a"));
    t.canned.push(() => Promise.reject(new TypeError("Failed to fetch")));
    first.close();
    // attempt 0 fails, attempt 1 re-attaches and brings an event
    const second = await t.stream(1);
    second.from(3);
    second.push(ev.message("b"));
    await vi.waitFor(() => expect(t.controller.messages.at(-1)?.content).toBe("ab"), { interval: 1 });
    second.close();
    // progress: the count starts again at 0; this re-attach brings nothing, so the next is 1
    const third = await t.stream(2);
    third.close();
    const fourth = await t.stream(3);
    fourth.from(4);
    fourth.push(ev.message("c"), ev.end());
    await t.settled();
    expect(attempts).toEqual([0, 1, 0, 1]);
    expect(t.last()).toMatchObject({ status: "done", content: "abc" });
  });

  it("drops a connection on which not even a ping came for too long, and re-attaches", async () => {
    const t = setup({ reconnectDelay: noWait, stallTimeoutMs: 50 }, { streamId: ID });
    t.controller.send("q", thinking);
    const first = await t.stream();
    first.push(ev.start(), ev.message("a"));
    // No close, no error: the socket just goes quiet, as on a train in a tunnel.
    const second = await t.stream(1);
    expect(t.requests[0]?.signal.aborted).toBe(true);
    expect(t.requests[1]).toMatchObject({ method: "GET", headers: { "last-event-id": "2" } });
    second.from(3);
    second.push(ev.message("b"), ev.end());
    await t.settled();
    expect(t.last()).toMatchObject({ status: "done", content: "ab" });
  });

  it("shows what arrived and 'interrupted' when the server no longer has the stream", async () => {
    const t = setup({ reconnectDelay: noWait }, { streamId: ID });
    t.controller.send("q", thinking);
    const first = await t.stream();
    first.push(ev.start(), ev.message("half"));
    t.canned.push(() =>
      Response.json({ error: { code: "stream_not_found", message: "gone" } }, { status: 404 }),
    );
    first.close();
    await t.settled();
    expect(t.last()).toMatchObject({
      status: "interrupted",
      content: "half",
      error: { code: "stream_not_found", message: STREAM_EXPIRED },
    });
  });

  it("gives up when the reconnect window closes", async () => {
    const t = setup({ reconnectDelay: async (attempt) => attempt < 2 }, { streamId: ID });
    t.canned.push(() => new Response("", { status: 200, headers: { "content-type": "text/event-stream" } }));
    t.controller.send("q", thinking);
    await t.settled();
    expect(t.last()).toMatchObject({ status: "interrupted", error: { message: CONNECTION_LOST } });
  });

  it("Stop aborts the fetch and stops the answer on the server with DELETE", async () => {
    const t = setup({}, { streamId: ID });
    t.controller.send("q", thinking);
    const s = await t.stream();
    s.push(ev.start(), ev.message("a"));
    await vi.waitFor(() => expect(t.controller.messages.at(-1)?.content).toBe("a"), { interval: 1 });
    t.controller.stop();
    expect(t.requests[0]?.signal.aborted).toBe(true);
    await vi.waitFor(() =>
      expect(t.requests.at(-1)).toMatchObject({ url: `/api/chat/${ID}`, method: "DELETE" }),
    );
    expect(t.last()).toMatchObject({ status: "stopped", content: "a" });
    expect(t.last()).not.toHaveProperty("resume");
  });

  it("after a reload, picks up a saved answer that was still streaming and finishes it in place", async () => {
    const t = setup({ reconnectDelay: noWait }, { streamId: ID });
    const user: UIMessage = { id: "u1", role: "user", content: "q", parts: [], createdAt: 1 };
    const saved: UIMessage = {
      id: "a1",
      role: "assistant",
      content: "贵州",
      parts: [{ type: "text", text: "贵州" }],
      createdAt: 2,
      status: "streaming",
      resume: { streamId: ID, lastEventId: 7 },
    };
    t.controller.setMessages([user, saved]);
    expect(t.controller.status).toBe("streaming");
    const s = await t.stream();
    expect(t.requests[0]).toMatchObject({ url: `/api/chat/${ID}`, headers: { "last-event-id": "7" } });
    s.from(8);
    s.push(ev.message("茅台"), ev.end());
    await t.settled();
    expect(t.controller.messages).toHaveLength(2);
    expect(t.last()).toMatchObject({ id: "a1", status: "done", content: "贵州茅台" });
  });
});
