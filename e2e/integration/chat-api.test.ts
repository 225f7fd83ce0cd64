import { describe, expect, inject, it } from "vitest";
import {
  dataOf,
  nonce,
  readSse,
  shape,
  TOOL_ROUND_TRIP,
  text,
  upstreamRequests,
} from "../../lib/testing/sse-client";
import { BARE_ACCESS_CODE } from "./global-setup";

// The built app (`next start`) over HTTP, against the scripted upstream.

const app = inject("appUrl");
const bare = inject("bareAppUrl");
const upstream = inject("upstreamUrl");

function post(body: unknown, init: RequestInit = {}) {
  return fetch(`${app}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
    ...init,
  });
}

describe("POST /api/chat", () => {
  it("streams the protocol's events with its headers, ids from 1 and done at the end (thinking on)", async () => {
    const marker = nonce();
    const response = await post({ prompt: `分析600519 ${marker}`, thinking: true });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(response.headers.get("x-accel-buffering")).toBe("no");
    const { raw, items, events } = await readSse(response);
    expect(
      raw.startsWith('id: 1\nevent: start\ndata: {"model":"deepseek-flash","reasoning":"enabled"}\n\n'),
    ).toBe(true);
    expect(raw).toMatch(/\nevent: end\ndata: \{[^\n]+\}\n\nevent: done\ndata: \[DONE\]\n\n$/);
    const ids = items.flatMap((item) => (item.kind === "event" ? [item.id] : []));
    expect(ids).toEqual(ids.map((_, i) => i + 1));
    expect(shape(events)).toEqual(["start", "reasoning", "message", "end"]);
    const [end] = dataOf(events, "end");
    expect(end?.finish_reason).toBe("stop");
    expect(end?.stats.tokens).toMatchObject({ prompt: 18, completion: 219, total: 237 });
    expect(end?.stats.timing_ms.first_byte).toBeGreaterThanOrEqual(0);
    const [request] = await upstreamRequests(upstream, marker);
    expect(request?.body).toMatchObject({ thinking: { type: "enabled" } });
  });

  it("sends start at once, before the model's first byte", async () => {
    const started = Date.now();
    const response = await post({
      prompt: `[[scenario:{"name":"keepalive","count":3,"intervalMs":400}]] ${nonce()}`,
    });
    const reader = response.body?.getReader();
    const first = await reader?.read();
    const firstAt = Date.now() - started;
    expect(new TextDecoder().decode(first?.value)).toMatch(/^id: 1\nevent: start\n/);
    // The upstream sends only keep-alive comments for 1.2 s; start must not wait for them.
    expect(firstAt).toBeLessThan(800);
    await reader?.cancel();
  });

  it("streams without reasoning when thinking is off", async () => {
    const marker = nonce();
    const { events } = await readSse(await post({ prompt: `分析600519 ${marker}`, thinking: false }));
    expect(shape(events)).toEqual(["start", "message", "end"]);
    expect(events[0]?.data).toEqual({ model: "deepseek-flash", reasoning: "disabled" });
    const [request] = await upstreamRequests(upstream, marker);
    expect(request?.body).toMatchObject({ thinking: { type: "disabled" } });
  });

  it("sends a thinking effort as reasoning_effort, says it in start, and refuses a bad one (section 19)", async () => {
    const marker = nonce();
    const { events } = await readSse(await post({ prompt: `分析600519 ${marker}`, effort: "max" }));
    expect(events[0]?.data).toEqual({ model: "deepseek-flash", reasoning: "enabled", effort: "max" });
    const [request] = await upstreamRequests(upstream, marker);
    expect(request?.body).toMatchObject({ thinking: { type: "enabled" }, reasoning_effort: "max" });
    const query = await fetch(`${app}/api/chat?prompt=${encodeURIComponent(`hi ${nonce()}`)}&effort=low`);
    expect((await readSse(query)).events[0]?.data).toMatchObject({ effort: "low" });
    for (const [body, message] of [
      [{ prompt: "x", effort: "medium" }, "effort: use low, high or max"],
      [{ prompt: "x", thinking: false, effort: "high" }, "effort: must be absent with thinking: false"],
    ] as const) {
      const refused = await post(body);
      expect(refused.status).toBe(400);
      expect(await refused.json()).toEqual({ error: { code: "invalid_request", message } });
    }
  });

  it("lets a request choose an allowed model and refuses others", async () => {
    const { events } = await readSse(await post({ prompt: "hi", model: "deepseek-v4-pro" }));
    expect(events[0]?.data).toMatchObject({ model: "deepseek-v4-pro" });
    const refused = await post({ prompt: "hi", model: "deepseek-chat" });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      error: {
        code: "invalid_request",
        message: expect.stringMatching(/^model: 'deepseek-chat' is not offered here/),
      },
    });
  });

  it("runs the tool round trip through the built-in MCP server", async () => {
    const marker = nonce();
    const { events } = await readSse(await post({ prompt: `分析一下 600519 [[scenario:tool]] ${marker}` }));
    expect(shape(events)).toEqual(TOOL_ROUND_TRIP);
    const [call] = dataOf(events, "tool_call");
    expect(call).toMatchObject({
      type: "mcp",
      name: "get_stock_info",
      arguments: { code: "600519" },
      server: "builtin",
    });
    const [result] = dataOf(events, "tool_result");
    expect(result).toMatchObject({ tool_call_id: call?.id, result: { code: "600519", name: "贵州茅台" } });
    expect(text(events, "message")).toContain("贵州茅台");
    expect(dataOf(events, "end")[0]?.stats).toMatchObject({ tool_calls: 1, tool_results: 1 });
    expect(await upstreamRequests(upstream, marker)).toHaveLength(2);
  });

  it("stops at the tool-round limit with error + end length", async () => {
    const { events } = await readSse(await post({ prompt: `[[scenario:endless]] ${nonce()}` }));
    expect(events.at(-2)).toMatchObject({
      event: "error",
      data: { finish_reason: "length", code: "tool_rounds_exceeded" },
    });
    expect(events.at(-1)).toMatchObject({
      event: "end",
      data: { finish_reason: "length", stats: { tool_calls: 3 } },
    });
  });

  it("returns only the answer with stream: false, tools still running", async () => {
    const marker = nonce();
    const response = await post({ prompt: `[[scenario:tool]] ${marker}`, stream: false });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await response.json()) as { content: string; finish_reason: string };
    expect(Object.keys(body).sort()).toEqual(["content", "finish_reason"]);
    expect(body.finish_reason).toBe("stop");
    expect(body.content).toContain("贵州茅台");
    expect(await upstreamRequests(upstream, marker)).toHaveLength(2);
  });

  it("answers a provider failure with stream: false as a 502 JSON error", async () => {
    const response = await post({ prompt: `[[scenario:401]] ${nonce()}`, stream: false });
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({
      error: { code: "invalid_api_key", message: expect.any(String) },
    });
  });

  it("streams a provider failure as error + end", async () => {
    const { events } = await readSse(await post({ prompt: `[[scenario:402]] ${nonce()}` }));
    expect(shape(events)).toEqual(["start", "error", "end"]);
    expect(events[1]?.data).toMatchObject({ finish_reason: "error", code: "insufficient_balance" });
  });

  it("stops the model call within a second when the client goes away", async () => {
    const marker = nonce();
    const abort = new AbortController();
    const response = await post({ prompt: `[[scenario:slow]] ${marker}` }, { signal: abort.signal });
    const reader = response.body?.getReader();
    const decoder = new TextDecoder();
    let seen = "";
    while (!seen.includes("event: reasoning")) {
      const { value, done } = (await reader?.read()) ?? { done: true, value: undefined };
      if (done) break;
      seen += decoder.decode(value);
    }
    expect(seen).toContain("event: reasoning");
    const abortedAt = Date.now();
    abort.abort();
    let closed: number | undefined;
    while (Date.now() - abortedAt < 2_000 && closed === undefined) {
      const [request] = await upstreamRequests(upstream, marker);
      closed = request?.closedAt;
      if (closed === undefined) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(closed).toBeDefined();
    expect((closed ?? Infinity) - abortedAt).toBeLessThan(1_000);
  });
});

describe("GET /api/chat (EventSource)", () => {
  it("streams a prompt from the query string", async () => {
    const marker = nonce();
    const query = new URLSearchParams({ prompt: `分析600519 ${marker}`, thinking: "false" });
    const response = await fetch(`${app}/api/chat?${query}`);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const { events } = await readSse(response);
    expect(shape(events)).toEqual(["start", "message", "end"]);
    const [request] = await upstreamRequests(upstream, marker);
    expect(request?.body).toMatchObject({ thinking: { type: "disabled" } });
  });

  it("answers a reconnect (Last-Event-ID) with 204 and never runs the prompt again", async () => {
    const marker = nonce();
    const query = new URLSearchParams({ prompt: `分析600519 ${marker}` });
    const response = await fetch(`${app}/api/chat?${query}`, { headers: { "Last-Event-ID": "5" } });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
    expect(await upstreamRequests(upstream, marker)).toEqual([]);
  });

  it.each([
    ["", "prompt"],
    ["prompt=hi&thinking=maybe", "thinking"],
  ])("rejects ?%s naming %s", async (query, field) => {
    const response = await fetch(`${app}/api/chat?${query}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.message.startsWith(`${field}: `)).toBe(true);
  });
});

describe("rejections before any stream", () => {
  it.each([
    { name: "malformed JSON", body: "{", status: 400, code: "invalid_body" },
    { name: "an array", body: "[1]", status: 400, code: "invalid_request" },
    {
      name: "a wrong type",
      body: JSON.stringify({ prompt: "x", thinking: "yes" }),
      status: 400,
      code: "invalid_request",
    },
    {
      name: "both prompt and messages",
      body: JSON.stringify({ prompt: "x", messages: [{ role: "user", content: "y" }] }),
      status: 400,
      code: "invalid_request",
    },
  ])("$name → $status $code", async ({ body, status, code }) => {
    const response = await post(body);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  it("415 for a body that is not JSON", async () => {
    const response = await fetch(`${app}/api/chat`, {
      method: "POST",
      body: "prompt=hi",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(response.status).toBe(415);
  });

  it("413 for a body over the limit (BODY_LIMIT_BYTES and the images' room)", async () => {
    const response = await post({ prompt: "x".repeat(9_100_000) });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("body_too_large");
  });

  it("405 with Allow for other methods", async () => {
    const response = await fetch(`${app}/api/chat`, { method: "PUT" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, POST");
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("method_not_allowed");
  });
});

describe("without DEEPSEEK_API_KEY", () => {
  // The bare app also has an access code (it guards every page and API route).
  const auth = { authorization: `Bearer ${BARE_ACCESS_CODE}` };

  it("starts, and the stream says not_configured in plain words", async () => {
    const response = await fetch(`${bare}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json", ...auth },
      body: JSON.stringify({ prompt: "hi" }),
    });
    expect(response.status).toBe(200);
    const { events } = await readSse(response);
    expect(shape(events)).toEqual(["start", "error", "end"]);
    expect(events[1]?.data).toEqual({
      finish_reason: "error",
      code: "not_configured",
      message: expect.stringContaining("set DEEPSEEK_API_KEY"),
    });
  });

  it("answers stream: false with a 503 that says the same", async () => {
    const response = await fetch(`${bare}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json", ...auth },
      body: JSON.stringify({ prompt: "hi", stream: false }),
    });
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("not_configured");
  });

  it("shows setup instructions on the home page", async () => {
    const html = await (await fetch(`${bare}/`, { headers: auth })).text();
    expect(html).toContain("status-not-configured");
    expect(html).toContain("DEEPSEEK_API_KEY");
  });
});

describe("response headers", () => {
  it("sends the security headers and a CSP that keeps data on this origin", async () => {
    const response = await fetch(`${app}/`);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("x-powered-by")).toBeNull();
  });

  it("gives every page its own nonce, which is the only way a script runs", async () => {
    const nonces: string[] = [];
    for (const path of ["/", "/", "/no-such-page", "/login"]) {
      const response = await fetch(`${app}${path}`);
      const html = await response.text();
      const csp = response.headers.get("content-security-policy") ?? "";
      const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
      const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(scriptSrc)?.[1];
      expect(nonce, `${path}: ${csp}`).toBeDefined();
      expect(scriptSrc).toContain("'strict-dynamic'");
      expect(scriptSrc).not.toContain("'unsafe-inline'");
      nonces.push(nonce ?? "");
      // Every script in the page (Next's bootstrap, its chunks, the theme script) carries it.
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(1);
      for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
    }
    // /login without ACCESS_CODE redirects to / (no page of its own here): still a fresh nonce.
    expect(new Set(nonces).size).toBe(nonces.length);
  });

  it("gives API answers a policy under which nothing loads or runs", async () => {
    const response = await fetch(`${app}/api/tools`);
    expect(response.status).toBe(200);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("nonce-");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("gives every chat answer a request id for the logs", async () => {
    const response = await post({ prompt: `hi ${nonce()}`, stream: false });
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
