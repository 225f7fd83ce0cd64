import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type ChatEvent, type EventData, parseEventData, parseSseStream } from "../../lib/protocol";
import { type AppServer, startApp } from "../../lib/testing/app-server";
import { type RedisServer, redisUnavailable, startRedisServer } from "../../lib/testing/redis-server";
import { dataOf, nonce, readSse, upstreamRequests } from "../../lib/testing/sse-client";
import { TEST_ENV } from "./global-setup";

// PROTOCOL.md section 24 against the built app: server-everything's echo configured `ask`, the
// built-in calculate beside it in the same round. Apps of their own: a short APPROVAL_TIMEOUT_S,
// and two instances on one Redis with a short ANSWER_TIMEOUT_MS.

const upstream = inject("upstreamUrl");
const root = join(import.meta.dirname, "../..");
const everything = join(root, "node_modules/@modelcontextprotocol/server-everything/dist/index.js");
const APPROVAL_TIMEOUT_S = 3;

function mcpConfig(): string {
  const path = join(mkdtempSync(join(tmpdir(), "tool-approval-")), "mcp.json");
  const server = { command: process.execPath, args: [everything, "stdio"], toolApproval: { echo: "ask" } };
  writeFileSync(path, JSON.stringify({ mcpServers: { everything: server } }));
  return path;
}

/** A stream's events as they come, read up to the first that matches, then on from there. */
class EventReader {
  readonly seen: ChatEvent[] = [];
  readonly #items: AsyncIterator<{ kind: string; event?: ChatEvent }>;

  constructor(response: Response) {
    const body = response.body as ReadableStream<Uint8Array>;
    this.#items = parseSseStream(body, { validate: parseEventData })[Symbol.asyncIterator]();
  }

  async until(match: (event: ChatEvent) => boolean): Promise<ChatEvent> {
    for (;;) {
      const next = await this.#items.next();
      if (next.done) throw new Error(`the stream ended first: ${this.seen.map((e) => e.event).join(" ")}`);
      const event = next.value.event;
      if (!event) continue;
      this.seen.push(event);
      if (match(event)) return event;
    }
  }

  /** The rest, to `end`. */
  async end(): Promise<EventData["end"]> {
    return (await this.until((event) => event.event === "end")).data as EventData["end"];
  }

  async close(): Promise<void> {
    await this.#items.return?.();
  }
}

/** The model's name of the one tool the app asks about (server-everything's echo). */
async function askToolOf(app: AppServer): Promise<string> {
  const { servers } = (await (await fetch(`${app.url}/api/tools`)).json()) as {
    servers: { tools: { model_name: string; policy: string }[] }[];
  };
  return servers.flatMap((s) => s.tools).find((tool) => tool.policy === "ask")?.model_name ?? "";
}

const asking = (event: ChatEvent) => event.event === "tool_call" && event.data.approval === "required";

describe("an ask tool in a resumable answer, on one instance", () => {
  let app: AppServer;
  let ask: string;
  beforeAll(async () => {
    app = await startApp({
      ...TEST_ENV,
      DEEPSEEK_BASE_URL: upstream,
      MCP_CONFIG: mcpConfig(),
      APPROVAL_TIMEOUT_S: String(APPROVAL_TIMEOUT_S),
    });
    ask = await askToolOf(app);
    expect(ask).toMatch(/echo$/);
  });
  afterAll(() => app?.close());

  /** A resumable answer whose one tool round calls the ask tool and calculate. */
  async function start(resumable = true) {
    const marker = nonce();
    const rounds = [
      [
        { name: ask, arguments: { message: "hi" } },
        { name: "calculate", arguments: { expression: "6*7" } },
      ],
    ];
    const response = await fetch(`${app.url}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        prompt: `[[scenario:${JSON.stringify({ name: "tools", rounds })}]] ${marker}`,
        resumable,
      }),
    });
    expect(response.status).toBe(200);
    return { marker, response, id: response.headers.get("x-stream-id") ?? "" };
  }

  const decide = (id: string, body: unknown) =>
    fetch(`${app.url}/api/chat/${id}/approval`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  const resultOf = (reader: EventReader, id: string) =>
    reader.until((event) => event.event === "tool_result" && event.data.tool_call_id === id);

  it("allow: the other call's result comes while it waits, then the decision, the tool's result and the end", async () => {
    const { response, id } = await start();
    const reader = new EventReader(response);
    const call = (await reader.until(asking)).data as EventData["tool_call"];
    expect(call).toMatchObject({ name: ask, server: "everything", arguments: { message: "hi" } });
    const calculated = await reader.until((event) => event.event === "tool_result");
    expect(calculated.data).toMatchObject({ result: { result: 42 } });
    const decided = await decide(id, { tool_call_id: call.id, decision: "allow" });
    expect(decided.status).toBe(202);
    expect((await reader.until((event) => event.event === "tool_approval")).data).toEqual({
      tool_call_id: call.id,
      decision: "allow",
    });
    expect((await resultOf(reader, call.id)).data).toEqual({ tool_call_id: call.id, result: "Echo: hi" });
    expect((await reader.end()).finish_reason).toBe("stop");
    // Taken once: a second decision is refused, and so is one after the end.
    const again = await decide(id, { tool_call_id: call.id, decision: "deny" });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe("approval_not_pending");
  });

  it("deny: the model reads that the user declined, and the answer ends normally", async () => {
    const { response, id, marker } = await start();
    const reader = new EventReader(response);
    const call = (await reader.until(asking)).data as EventData["tool_call"];
    expect((await decide(id, { tool_call_id: call.id, decision: "deny" })).status).toBe(202);
    const second = await decide(id, { tool_call_id: call.id, decision: "allow" });
    expect(second.status).toBe(409);
    // Decided, or gone with the answer already: the deny lets the answer end at once, and an
    // ended answer keeps no approvals (the stores' contract tests decide-once on its own).
    const { error } = (await second.json()) as { error: { code: string } };
    expect(["approval_decided", "approval_not_pending"]).toContain(error.code);
    expect((await reader.until((event) => event.event === "tool_approval")).data).toMatchObject({
      decision: "deny",
    });
    expect((await resultOf(reader, call.id)).data).toEqual({
      tool_call_id: call.id,
      error: expect.stringMatching(/user declined/),
    });
    expect((await reader.end()).finish_reason).toBe("stop");
    const [, next] = await upstreamRequests(upstream, marker);
    const messages = (next?.body as { messages?: { tool_call_id?: string; content: string }[] } | undefined)
      ?.messages;
    expect(messages?.find((message) => message.tool_call_id === call.id)?.content).toMatch(/user declined/);
  });

  it("timeout: no decision within APPROVAL_TIMEOUT_S is a decline", async () => {
    const { response } = await start();
    const reader = new EventReader(response);
    const call = (await reader.until(asking)).data as EventData["tool_call"];
    const waited = Date.now();
    expect((await reader.until((event) => event.event === "tool_approval")).data).toEqual({
      tool_call_id: call.id,
      decision: "timeout",
    });
    expect(Date.now() - waited).toBeGreaterThan(APPROVAL_TIMEOUT_S * 1000 - 1_000);
    expect(JSON.stringify((await resultOf(reader, call.id)).data)).toMatch(/did not answer in time/);
    expect((await reader.end()).finish_reason).toBe("stop");
  });

  it("a reader that re-attaches while the call waits sees it ask, then the decision; a second reader too", async () => {
    const { response, id } = await start();
    const first = new EventReader(response);
    const call = (await first.until(asking)).data as EventData["tool_call"];
    await first.close();
    const again = new EventReader(await fetch(`${app.url}/api/chat/${id}`));
    expect((await again.until(asking)).data).toMatchObject({ id: call.id, approval: "required" });
    const other = new EventReader(await fetch(`${app.url}/api/chat/${id}`));
    await other.until(asking);
    expect((await decide(id, { tool_call_id: call.id, decision: "allow" })).status).toBe(202);
    for (const reader of [again, other]) {
      expect((await reader.until((event) => event.event === "tool_approval")).data).toEqual({
        tool_call_id: call.id,
        decision: "allow",
      });
      expect((await reader.end()).finish_reason).toBe("stop");
    }
  });

  it("a non-resumable answer declines the call at once and says why; no tool_approval", async () => {
    const { response } = await start(false);
    const { events } = await readSse(response);
    const call = dataOf(events, "tool_call").find((c) => c.name === ask);
    expect(call).not.toHaveProperty("approval");
    expect(dataOf(events, "tool_approval")).toEqual([]);
    expect(dataOf(events, "tool_result").find((r) => r.tool_call_id === call?.id)).toMatchObject({
      error: expect.stringMatching(/needs the user's approval, and this answer cannot ask for it/),
    });
  });

  it("refuses a bad decision by its field, an unknown stream with 404, a call that does not wait with 409", async () => {
    const { response, id } = await start();
    const reader = new EventReader(response);
    const call = (await reader.until(asking)).data as EventData["tool_call"];
    const bad = async (body: unknown) => {
      const refused = await decide(id, body);
      expect(refused.status).toBe(400);
      return ((await refused.json()) as { error: { message: string } }).error.message;
    };
    expect(await bad({ tool_call_id: call.id })).toMatch(/^decision:/);
    expect(await bad({ tool_call_id: call.id, decision: "maybe" })).toMatch(/^decision:/);
    expect(await bad({ decision: "allow" })).toMatch(/^tool_call_id:/);
    expect(await bad({ tool_call_id: call.id, decision: "deny", always: true })).toMatch(/^always:/);
    const unknown = await decide("A".repeat(24), { tool_call_id: call.id, decision: "allow" });
    expect(unknown.status).toBe(404);
    const stranger = await decide(id, { tool_call_id: "call_nobody", decision: "allow" });
    expect(stranger.status).toBe(409);
    expect(await stranger.json()).toMatchObject({ error: { code: "approval_not_pending" } });
    // Always allow is taken as an allow (what it keeps is the tool settings' business).
    expect((await decide(id, { tool_call_id: call.id, decision: "allow", always: true })).status).toBe(202);
    expect((await reader.until((event) => event.event === "tool_approval")).data).toMatchObject({
      decision: "allow",
    });
    expect((await reader.end()).finish_reason).toBe("stop");
  });
});

const unavailable = redisUnavailable();

describe.skipIf(unavailable !== undefined)("an ask tool across two instances on one Redis", () => {
  const ANSWER_TIMEOUT_MS = 2_000;
  let redis: RedisServer;
  let a: AppServer;
  let b: AppServer;
  let ask: string;
  beforeAll(async () => {
    redis = await startRedisServer();
    const env = {
      ...TEST_ENV,
      DEEPSEEK_BASE_URL: upstream,
      MCP_CONFIG: mcpConfig(),
      REDIS_URL: redis.url,
      ANSWER_TIMEOUT_MS: String(ANSWER_TIMEOUT_MS),
    };
    [a, b] = await Promise.all([startApp(env), startApp(env)]);
    ask = await askToolOf(a);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await redis?.close();
  });

  async function startOnA() {
    const rounds = [[{ name: ask, arguments: { message: "across" } }]];
    const response = await fetch(`${a.url}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        prompt: `[[scenario:${JSON.stringify({ name: "tools", rounds })}]] ${nonce()}`,
        resumable: true,
      }),
    });
    const reader = new EventReader(response);
    const call = (await reader.until(asking)).data as EventData["tool_call"];
    return { reader, call, id: response.headers.get("x-stream-id") ?? "" };
  }

  it("completes an answer started on A and approved on B after longer than ANSWER_TIMEOUT_MS", async () => {
    const { reader, call, id } = await startOnA();
    // The point of the test: the user takes longer than the answer's whole time cap.
    await new Promise((resolve) => setTimeout(resolve, ANSWER_TIMEOUT_MS + 500));
    const decided = await fetch(`${b.url}/api/chat/${id}/approval`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ tool_call_id: call.id, decision: "allow" }),
    });
    expect(decided.status).toBe(202);
    expect((await reader.until((event) => event.event === "tool_approval")).data).toMatchObject({
      decision: "allow",
    });
    expect(
      (await reader.until((event) => event.event === "tool_result" && event.data.tool_call_id === call.id))
        .data,
    ).toEqual({ tool_call_id: call.id, result: "Echo: across" });
    expect((await reader.end()).finish_reason).toBe("stop");
  });

  it("ends cancelled at once when stopped from B while the call waits", async () => {
    const { reader, id } = await startOnA();
    const stopped = Date.now();
    expect((await fetch(`${b.url}/api/chat/${id}`, { method: "DELETE" })).status).toBe(202);
    expect((await reader.end()).finish_reason).toBe("cancelled");
    expect(Date.now() - stopped).toBeLessThan(2_000);
    expect(dataOf(reader.seen, "tool_approval")).toEqual([]);
  });
});
