import { describe, expect, it, vi } from "vitest";
import { encodeEvent } from "@/lib/protocol/sse-encoder";
import { ChatController } from "./chat-controller";
import { ev } from "./test-support";

// With the history on the server a request names its conversation instead of sending the turns.

function answered(text: string): Response {
  const events = [ev.start(), ev.message(text), ev.end()];
  const body = events.map((event, i) => encodeEvent(i + 1, event)).join("");
  return new Response(body, { headers: { "Content-Type": "text/event-stream" } });
}

function setup() {
  const bodies: Record<string, unknown>[] = [];
  let ids = 0;
  const controller = new ChatController({
    fetch: (async (_input: RequestInfo | URL, init?: RequestInit) => {
      bodies.push(JSON.parse(String(init?.body)));
      return answered(`answer ${bodies.length}`);
    }) as typeof fetch,
    scheduleFrame: (callback) => {
      queueMicrotask(callback);
      return () => {};
    },
    now: () => 1000,
    createId: () => `m${++ids}`,
  });
  const settled = () => vi.waitFor(() => expect(controller.status).toBe("done"), { interval: 1 });
  return { controller, bodies, settled };
}

const options = { thinking: true, conversationId: "c1" };

describe("ChatController with the history on the server", () => {
  it("names the conversation, the parent and the new question instead of sending messages", async () => {
    const t = setup();
    t.controller.send("first", options);
    await t.settled();
    t.controller.send("second", options);
    await t.settled();
    expect(t.bodies[0]).toEqual({
      conversation: { id: "c1", parent_id: null, message: { id: "m1", content: "first" }, answer_id: "m2" },
      thinking: true,
      stream: true,
      resumable: true,
    });
    expect(t.bodies[1]?.conversation).toEqual({
      id: "c1",
      parent_id: "m2",
      message: { id: "m3", content: "second" },
      answer_id: "m4",
    });
    expect(t.bodies[1]).not.toHaveProperty("messages");
  });

  it("asks for web search on a new question, a regenerate and an edit when told to, and only then", async () => {
    const t = setup();
    const searching = { ...options, search: true };
    t.controller.send("question", searching);
    await t.settled();
    t.controller.regenerate(searching);
    await t.settled();
    t.controller.edit("m1", "question again", searching);
    await t.settled();
    t.controller.regenerate(options);
    await t.settled();
    expect(t.bodies.map((body) => body.search)).toEqual([true, true, true, undefined]);
    expect(t.bodies[0]).toMatchObject({ conversation: { id: "c1" }, thinking: true, search: true });
  });

  it("regenerates as a new answer under the same question, with no message", async () => {
    const t = setup();
    t.controller.send("question", options);
    await t.settled();
    t.controller.regenerate(options);
    await t.settled();
    expect(t.bodies[1]?.conversation).toEqual({ id: "c1", parent_id: "m1", answer_id: "m3" });
    expect(t.controller.messages.map((m) => m.id)).toEqual(["m1", "m3"]);
    expect(t.controller.messages[1]?.content).toBe("answer 2");
  });

  it("edits as a new question with a new id, a sibling of the edited one", async () => {
    const t = setup();
    t.controller.send("one", options);
    await t.settled();
    t.controller.send("two", options);
    await t.settled();
    t.controller.edit("m3", "two, better", options);
    await t.settled();
    expect(t.bodies[2]?.conversation).toEqual({
      id: "c1",
      parent_id: "m2",
      message: { id: "m5", content: "two, better" },
      answer_id: "m6",
    });
    expect(t.controller.messages.map((m) => m.id)).toEqual(["m1", "m2", "m5", "m6"]);
  });

  it("keeps the edited turn's id and sends the messages without a conversation", async () => {
    const t = setup();
    t.controller.send("one", { thinking: true });
    await t.settled();
    t.controller.edit("m1", "uno", { thinking: true });
    await t.settled();
    expect(t.bodies[1]).toMatchObject({ messages: [{ role: "user", content: "uno" }] });
    expect(t.bodies[1]).not.toHaveProperty("conversation");
    expect(t.controller.messages[0]?.id).toBe("m1");
  });
});

describe("ChatController leaving a conversation whose history the server keeps", () => {
  function running(detachOnLeave: boolean) {
    const requests: { method: string; url: string }[] = [];
    const controller = new ChatController({
      detachOnLeave,
      fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
        requests.push({ method: init?.method ?? "GET", url: String(input) });
        if (init?.method === "DELETE") return new Response(null, { status: 202 });
        const body = new ReadableStream<Uint8Array>({
          start(sink) {
            sink.enqueue(new TextEncoder().encode(encodeEvent(1, ev.start())));
          },
        });
        return new Response(body, { headers: { "Content-Type": "text/event-stream", "X-Stream-Id": "s1" } });
      }) as typeof fetch,
    });
    return { controller, requests };
  }

  it("leaves the answer running on the server when switching away", async () => {
    const t = running(true);
    t.controller.send("long question", options);
    await vi.waitFor(() => expect(t.controller.messages.at(-1)?.model).toBe("deepseek-flash"), {
      interval: 1,
    });
    t.controller.setMessages([]);
    expect(t.requests.map((r) => r.method)).toEqual(["POST"]);
  });

  it("still stops it on the server when Stop is pressed, and without detaching when switching", async () => {
    for (const [detach, leave] of [
      [true, "stop"],
      [false, "switch"],
    ] as const) {
      const t = running(detach);
      t.controller.send("q", options);
      await vi.waitFor(() => expect(t.controller.messages.at(-1)?.model).toBe("deepseek-flash"), {
        interval: 1,
      });
      if (leave === "stop") t.controller.stop();
      else t.controller.setMessages([]);
      expect(t.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
        "POST /api/chat",
        "DELETE /api/chat/s1",
      ]);
    }
  });
});

describe("ChatController re-attaching an answer saved on the server from its first event", () => {
  const saved = {
    id: "a1",
    role: "assistant" as const,
    content: "Hel",
    parts: [{ type: "text" as const, text: "Hel" }],
    createdAt: 1,
    status: "streaming" as const,
    resume: { streamId: "s1", lastEventId: 0 },
  };
  const question = { id: "q1", role: "user" as const, content: "hi", parts: [], createdAt: 1 };

  function attach(response: () => Response) {
    const requests: Record<string, string>[] = [];
    const controller = new ChatController({
      fetch: (async (_input: RequestInfo | URL, init?: RequestInit) => {
        requests.push(Object.fromEntries(new Headers(init?.headers).entries()));
        return response();
      }) as typeof fetch,
      reconnectDelay: async () => true,
    });
    controller.setMessages([question, saved]);
    return { controller, requests };
  }

  it("replaces what was saved with the replay, instead of adding to it", async () => {
    const t = attach(() => answered("Hello"));
    await vi.waitFor(() => expect(t.controller.status).toBe("done"), { interval: 1 });
    expect(t.requests[0]?.["last-event-id"]).toBe("0");
    expect(t.controller.messages[1]).toMatchObject({ content: "Hello", status: "done" });
    expect(t.controller.messages[1]?.parts).toEqual([{ type: "text", text: "Hello" }]);
  });

  it("keeps what was saved when the stream has expired", async () => {
    const expired = () =>
      Response.json({ error: { code: "stream_not_found", message: "gone" } }, { status: 404 });
    const t = attach(expired);
    await vi.waitFor(() => expect(t.controller.status).toBe("error"), { interval: 1 });
    expect(t.controller.messages[1]).toMatchObject({ content: "Hel", status: "interrupted" });
  });
});
