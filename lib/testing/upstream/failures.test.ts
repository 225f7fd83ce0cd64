import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MESSAGES } from "./errors";
import { startUpstream, type Upstream } from "./server";
import { MODEL, post, sdk, streamChat, user } from "./test-client";

let upstream: Upstream;
beforeAll(async () => {
  upstream = await startUpstream();
});
afterAll(() => upstream.close());
beforeEach(() => upstream.reset());

const ask = (text: string) => ({ messages: [{ role: "user", content: text }] });
type ErrorJson = { error: { message: string; type: string; param: null; code: string } };

describe("authentication", () => {
  it("answers a wrong key with DeepSeek's 401 and records it", async () => {
    const error = await streamChat(sdk(upstream, { apiKey: "sk-wrong-1234" }), ask("hi")).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((error as Error).message).toContain("Authentication Fails, Your api key: ****1234 is invalid");
    expect(upstream.requests[0]).toMatchObject({ authorized: false, status: 401, scenario: "" });
  });

  it("answers a missing header with the header-format message", async () => {
    const res = await post(upstream, user("hi"), { key: null });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: {
        message: MESSAGES.authFormat,
        type: "authentication_error",
        param: null,
        code: "invalid_request_error",
      },
    });
  });
});

describe("status scenarios", () => {
  it("fails 429 once with Retry-After, then succeeds for the same conversation", async () => {
    const first = await post(upstream, user("[[scenario:429]]"));
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("1");
    expect(((await first.json()) as ErrorJson).error).toMatchObject({
      type: "rate_limit_error",
      code: "invalid_request_error",
    });
    expect((await post(upstream, user("[[scenario:429]]"))).status).toBe(200);
    // Another conversation has its own count.
    expect((await post(upstream, user("other [[scenario:429]]"))).status).toBe(429);
  });

  it("lets the SDK's own retry honour Retry-After", async () => {
    const started = Date.now();
    const got = await streamChat(
      sdk(upstream, { maxRetries: 1 }),
      ask('[[scenario:{"name":"429","retryAfter":1}]]'),
    );
    expect(got.finishReason).toBe("stop");
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(upstream.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  it("uses DeepSeek's bodies for 402, 500 and 503, failing every time unless told otherwise", async () => {
    const expected: [string, number, string][] = [
      ["402", 402, MESSAGES.insufficientBalance],
      ["500", 500, MESSAGES.serverError],
      ["503", 503, MESSAGES.serverOverloaded],
    ];
    for (const [name, status, message] of expected) {
      for (let attempt = 0; attempt < 2; attempt++) {
        const res = await post(upstream, user(`[[scenario:${name}]]`));
        expect(res.status).toBe(status);
        expect(((await res.json()) as ErrorJson).error.message).toBe(message);
      }
    }
  });

  it("fails `times` times in the JSON form", async () => {
    const body = user('[[scenario:{"name":"status","status":503,"times":2}]]');
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(upstream, body)).status);
    expect(statuses).toEqual([503, 503, 200]);
  });
});

describe("broken connections", () => {
  it("records closedAt within a second when the client aborts a stalled stream", async () => {
    const controller = new AbortController();
    const stream = await sdk(upstream).chat.completions.create(
      { model: MODEL, stream: true, messages: [{ role: "user", content: "[[scenario:stall]]" }] },
      { signal: controller.signal },
    );
    let received = 0;
    const reading = (async () => {
      for await (const _chunk of stream) received++;
    })().catch(() => undefined);
    const opened = await upstream.waitFor((r) => r.scenario === "stall" && r.status === 200, 1000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received).toBe(3);
    const abortedAt = Date.now();
    controller.abort();
    await reading;
    const closed = await upstream.waitFor((r) => r.closedAt !== undefined, 1000);
    expect(closed).toBe(opened);
    expect((closed.closedAt ?? 0) - abortedAt).toBeLessThan(1000);
    expect(closed.completedAt).toBeUndefined();
  });

  it("records closedAt when the client walks away from a paced stream", async () => {
    const res = await post(upstream, user('[[scenario:{"name":"slow","delayMs":50}]]'));
    const reader = res.body?.getReader();
    await reader?.read();
    await reader?.cancel();
    const closed = await upstream.waitFor((r) => r.closedAt !== undefined, 1000);
    expect(closed.completedAt).toBeUndefined();
  });

  it("resets the connection mid-stream for reset", async () => {
    const stream = await sdk(upstream).chat.completions.create({
      model: MODEL,
      stream: true,
      messages: [{ role: "user", content: "[[scenario:reset]]" }],
    });
    let reasoning = "";
    const failure = await (async () => {
      for await (const chunk of stream) {
        const delta = chunk.choices[0]?.delta as {
          content?: string | null;
          reasoning_content?: string | null;
        };
        reasoning += delta.reasoning_content ?? "";
      }
    })().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as { cause?: { code?: string } }).cause?.code).toBe("ECONNRESET");
    expect(reasoning).toBe("We need to count the");
    expect(upstream.requests[0]?.completedAt).toBeUndefined();
    expect(upstream.requests[0]?.closedAt).toBeUndefined();
  });
});

describe("other endpoints", () => {
  it("lists the models in OpenAI's shape, on both paths", async () => {
    const page = await sdk(upstream).models.list();
    expect(page.data.map((model) => model.id)).toEqual([
      "deepseek-flash",
      "deepseek-v4-pro",
      "deepseek-v4-flash",
    ]);
    const res = await fetch(`${upstream.url}/v1/models`, { headers: { authorization: "Bearer sk-test" } });
    expect(((await res.json()) as { object: string }).object).toBe("list");
  });

  it("serves /v1/chat/completions too, and refuses bad JSON and unknown models", async () => {
    expect((await post(upstream, user("hi"), { path: "/v1/chat/completions" })).status).toBe(200);
    const notJson = await post(upstream, "{", {});
    expect(((await notJson.json()) as ErrorJson).error.message).toMatch(
      /^Failed to parse the request body as JSON/,
    );
    const model = await post(upstream, { ...user("hi"), model: "deepseek-reasoner" });
    expect(model.status).toBe(400);
    expect(((await model.json()) as ErrorJson).error).toMatchObject({
      message: "Model Not Exist",
      type: "invalid_request_error",
    });
  });

  it("exposes and resets the recorded requests, and 404s anything else", async () => {
    await post(upstream, user("hi"));
    const listed = (await (await fetch(`${upstream.url}/__upstream/requests`)).json()) as {
      seq: number;
      body: unknown;
    }[];
    expect(listed).toMatchObject([{ seq: 1, body: user("hi") }]);
    expect((await fetch(`${upstream.url}/__upstream/reset`, { method: "POST" })).status).toBe(200);
    expect(upstream.requests).toEqual([]);
    const missing = await fetch(`${upstream.url}/completions`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as ErrorJson).error.type).toBe("invalid_request_error");
  });

  it("serves extra routes and times out waitFor with the requests it saw", async () => {
    const extra = await startUpstream({
      routes: { "/data.json": (_req, res) => res.end('{"ok":true}') },
    });
    try {
      expect(await (await fetch(`${extra.url}/data.json`)).json()).toEqual({ ok: true });
      await expect(extra.waitFor((r) => r.status === 500, 50)).rejects.toThrow(
        /no matching request within 50 ms/,
      );
    } finally {
      await extra.close();
    }
  });
});
