import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { describe, expect, inject, it } from "vitest";
import { MCP_ENV_SECRETS, MCP_STDERR_SECRET } from "../../lib/testing/mcp-fixtures";
import { dataOf, nonce, readSse, shape, TOOL_ROUND_TRIP, text } from "../../lib/testing/sse-client";
import { BARE_ACCESS_CODE } from "./global-setup";

// MCP servers end to end: the built app, configured with server-everything over stdio and over
// Streamable HTTP, a fault server and two servers that cannot work, driven by the scripted model.

const app = inject("appUrl");
const bare = inject("bareAppUrl");

type Call = { name: string; arguments: Record<string, unknown> };

async function chatWithTools(...rounds: Call[][]) {
  const marker = `[[scenario:${JSON.stringify({ name: "tools", rounds })}]]`;
  const response = await fetch(`${app}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ prompt: `${marker} ${nonce()}` }),
  });
  expect(response.status).toBe(200);
  const { events } = await readSse(response);
  expect(events.at(-1)?.event).toBe("end");
  return events;
}

function resultsByName(events: Awaited<ReturnType<typeof chatWithTools>>) {
  const calls = dataOf(events, "tool_call");
  return Object.fromEntries(
    dataOf(events, "tool_result").map((result) => {
      const call = calls.find((c) => c.id === result.tool_call_id);
      return [`${call?.name}#${calls.indexOf(call as (typeof calls)[number])}`, result];
    }),
  );
}

describe("GET /api/tools", () => {
  it("lists every server with its status, reason and tools", async () => {
    const response = await fetch(`${app}/api/tools`);
    expect(response.status).toBe(200);
    const { servers } = (await response.json()) as {
      servers: {
        name: string;
        transport: string;
        status: string;
        error?: string;
        tools: { name: string; model_name: string }[];
      }[];
    };
    const byName = Object.fromEntries(servers.map((s) => [s.name, s]));
    expect(Object.keys(byName).sort()).toEqual([
      "bad-policy",
      "bad-url",
      "broken",
      "builtin",
      "faulty",
      "http",
      "legacy",
      "missing",
      "noisy",
      "refused",
      "stdio",
    ]);
    expect(byName.builtin).toMatchObject({ transport: "in-process", status: "connected" });
    expect(byName.builtin?.tools.map((t) => t.model_name).sort()).toEqual([
      "calculate",
      "get_current_time",
      "get_stock_info",
    ]);
    expect(byName.stdio).toMatchObject({ transport: "stdio", status: "connected" });
    expect(byName.http).toMatchObject({
      transport: "http",
      status: "connected",
      connected_via: "streamable-http",
    });
    // An SSE-only server answers the Streamable HTTP POST with a 404: the app falls back.
    expect(byName.legacy).toMatchObject({ transport: "http", status: "connected", connected_via: "sse" });
    // server-everything's tools exist on both: both sides are prefixed.
    expect(byName.stdio?.tools.find((t) => t.name === "echo")?.model_name).toBe("stdio__echo");
    expect(byName.http?.tools.find((t) => t.name === "echo")?.model_name).toBe("http__echo");
    expect(byName.faulty?.tools.find((t) => t.name === "ok")?.model_name).toBe("ok");
    expect(byName.missing).toMatchObject({
      status: "failed",
      error: expect.stringContaining("command not found"),
      tools: [],
    });
    expect(byName.refused).toMatchObject({ status: "failed", tools: [] });
    expect(byName.broken).toMatchObject({
      status: "invalid",
      error: expect.stringMatching(/^mcpServers\.broken\.args: /),
    });
  });

  it("gives short reasons: no server's stderr, and no value taken from the environment", async () => {
    const body = await (await fetch(`${app}/api/tools`)).text();
    for (const secret of [MCP_STDERR_SECRET, ...Object.values(MCP_ENV_SECRETS)]) {
      expect(body).not.toContain(secret);
    }
    const { servers } = JSON.parse(body) as { servers: { name: string; status: string; error?: string }[] };
    const byName = Object.fromEntries(servers.map((s) => [s.name, s]));
    expect(byName.noisy).toMatchObject({ status: "failed", error: expect.stringMatching(/closed|exited/) });
    expect(byName["bad-url"]).toMatchObject({
      status: "invalid",
      error: "mcpServers.bad-url.url: not a URL",
    });
  });
});

describe.each(["stdio", "http", "legacy"])("server-everything over %s", (server) => {
  it("calls echo, get-sum twice in one round, get-structured-content and get-tiny-image", async () => {
    const events = await chatWithTools([
      { name: `${server}__echo`, arguments: { message: "你好 MCP" } },
      { name: `${server}__get-sum`, arguments: { a: 2, b: 3 } },
      { name: `${server}__get-sum`, arguments: { a: 40, b: 2 } },
      { name: `${server}__get-structured-content`, arguments: { location: "New York" } },
      { name: `${server}__get-tiny-image`, arguments: {} },
    ]);
    expect(shape(events)).toEqual(TOOL_ROUND_TRIP);
    expect(dataOf(events, "tool_call").every((call) => call.server === server && call.type === "mcp")).toBe(
      true,
    );
    const results = resultsByName(events);
    expect(results[`${server}__echo#0`]).toMatchObject({ result: "Echo: 你好 MCP" });
    expect(results[`${server}__get-sum#1`]).toMatchObject({ result: "The sum of 2 and 3 is 5." });
    expect(results[`${server}__get-sum#2`]).toMatchObject({ result: "The sum of 40 and 2 is 42." });
    expect(results[`${server}__get-structured-content#3`]).toMatchObject({
      result: { temperature: 33, conditions: "Cloudy", humidity: 82 },
    });
    const image = results[`${server}__get-tiny-image#4`] as { result: unknown[] };
    expect(image.result).toEqual([
      "Here's the image you requested:",
      { type: "image", mimeType: "image/png", bytes: expect.any(Number) },
      "The image above is the MCP logo.",
    ]);
    // A small description, never the base64 itself.
    expect(JSON.stringify(events).length).toBeLessThan(20_000);
    expect(dataOf(events, "end")[0]?.stats).toMatchObject({ tool_calls: 5, tool_results: 5 });
  });
});

describe("tool calls that take time or fail", () => {
  it("keeps a slow tool alive while it reports progress (past its 1.5 s timeout)", async () => {
    const events = await chatWithTools([
      { name: "stdio__trigger-long-running-operation", arguments: { duration: 3, steps: 6 } },
    ]);
    expect(dataOf(events, "tool_result")[0]).toEqual({
      tool_call_id: expect.any(String),
      result: "Long running operation completed. Duration: 3 seconds, Steps: 6.",
    });
  });

  it("gives a stdio server only its own env and safe defaults, never the app's secrets", async () => {
    const events = await chatWithTools([{ name: "stdio__get-env", arguments: {} }]);
    const [result] = dataOf(events, "tool_result");
    const env = (result as { result: Record<string, string> }).result;
    expect(env.GREETING).toBe("hello from the config");
    expect(env.PATH).toBeDefined();
    expect(Object.keys(env).filter((key) => /DEEPSEEK|ACCESS_CODE|MCP_CONFIG|REDIS/.test(key))).toEqual([]);
    expect(JSON.stringify(env)).not.toContain("sk-test");
  });

  it("turns a crash, a hang and an error result into tool errors, and the next request works", async () => {
    const events = await chatWithTools([
      { name: "crash", arguments: {} },
      { name: "hang", arguments: {} },
      { name: "fail", arguments: {} },
    ]);
    expect(events.at(-1)).toMatchObject({ event: "end", data: { finish_reason: "stop" } });
    const results = resultsByName(events);
    expect(results["crash#0"]).toEqual({
      tool_call_id: expect.any(String),
      error: "The tool server 'faulty' closed the connection during the call (it may have crashed).",
    });
    // The crash took the hanging call down with it, or the timeout stopped it: either way an error.
    expect(results["hang#1"]).toEqual({ tool_call_id: expect.any(String), error: expect.any(String) });
    expect(results["fail#2"]).toEqual({
      tool_call_id: expect.any(String),
      error: "the widget is out of stock",
    });

    const next = await chatWithTools([{ name: "ok", arguments: { text: "still here" } }]);
    expect(dataOf(next, "tool_result")[0]).toMatchObject({ result: "ok: still here" });
  });

  it("stops a tool that hangs past its timeout", async () => {
    const started = Date.now();
    const events = await chatWithTools([{ name: "hang", arguments: {} }]);
    expect(dataOf(events, "tool_result")[0]).toMatchObject({
      error: "The tool did not answer within 1 s and was stopped.",
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("leaves the tools of servers that are down out, and the stream still ends", async () => {
    const events = await chatWithTools([{ name: "calculate", arguments: { expression: "6*7" } }]);
    expect(dataOf(events, "tool_result")[0]).toMatchObject({ result: { expression: "6*7", result: 42 } });
    expect(events.at(-1)).toMatchObject({ event: "end", data: { finish_reason: "stop" } });
  });
});

describe("/api/mcp: the built-in tools for other MCP clients", () => {
  async function connect(base: string, token?: string) {
    const client = new Client({ name: "test-client", version: "1.0.0" });
    const transport = new StreamableHTTPClientTransport(new URL(`${base}/api/mcp`), {
      requestInit: token ? { headers: { Authorization: `Bearer ${token}` } } : {},
    });
    await client.connect(transport);
    return client;
  }

  it("lists and calls the tools with the SDK client", async () => {
    const client = await connect(app);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(["calculate", "get_current_time", "get_stock_info"]);
    const result = await client.callTool({ name: "calculate", arguments: { expression: "2*(3+4)" } });
    expect(result.structuredContent).toEqual({ expression: "2*(3+4)", result: 14 });
    await client.close();
  });

  it("requires the access code when ACCESS_CODE is set", async () => {
    const denied = await fetch(`${bare}/api/mcp`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    expect(denied.status).toBe(401);
    expect(((await denied.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
    await expect(connect(bare, "wrong")).rejects.toThrow();
    const client = await connect(bare, BARE_ACCESS_CODE);
    expect((await client.listTools()).tools).toHaveLength(3);
    await client.close();
    expect((await fetch(`${bare}/api/tools`)).status).toBe(401);
  });

  it("answers GET with 405 (stateless: no server stream)", async () => {
    const response = await fetch(`${app}/api/mcp`);
    expect(response.status).toBe(405);
  });
});

describe("tool policies (PROTOCOL.md section 23)", () => {
  it("shows each server's approval and each tool's policy in /api/tools, and a bad policy as invalid", async () => {
    const { servers } = (await (await fetch(`${app}/api/tools`)).json()) as {
      servers: {
        name: string;
        status: string;
        approval?: string;
        error?: string;
        tools: { name: string; policy: string }[];
      }[];
    };
    const byName = Object.fromEntries(servers.map((s) => [s.name, s]));
    expect(byName.builtin?.approval).toBe("auto");
    expect(byName.builtin?.tools.every((tool) => tool.policy === "auto")).toBe(true);
    expect(byName.http?.approval).toBe("auto");
    const policies = Object.fromEntries((byName.http?.tools ?? []).map((tool) => [tool.name, tool.policy]));
    expect(policies).toMatchObject({
      echo: "auto",
      "get-env": "never",
      "trigger-long-running-operation": "ask",
    });
    expect(byName["bad-policy"]).toMatchObject({
      status: "invalid",
      error: expect.stringMatching(/^mcpServers\.bad-policy\.approval: /),
      tools: [],
    });
    expect(byName["bad-policy"]).not.toHaveProperty("approval");
  });

  it("leaves a never tool out of the upstream request's tools while the others are there", async () => {
    // The scripted model says which of the round's calls name a tool the request did not offer.
    const events = await chatWithTools([
      { name: "http__echo", arguments: { message: "hi" } },
      { name: "http__get-env", arguments: {} },
    ]);
    expect(dataOf(events, "tool_call")).toEqual([]);
    expect(text(events, "message")).toBe("Tool not available: http__get-env (not in this request's tools).");
    // The same server's echo is offered: alone it runs.
    const echo = await chatWithTools([{ name: "http__echo", arguments: { message: "hi" } }]);
    expect(dataOf(echo, "tool_result")[0]).toMatchObject({ result: "Echo: hi" });
  });

  it("declines an ask tool's call at once with an error that says why, and the answer ends normally", async () => {
    const started = Date.now();
    const events = await chatWithTools([
      { name: "http__trigger-long-running-operation", arguments: { duration: 30, steps: 3 } },
      { name: "http__echo", arguments: { message: "still runs" } },
    ]);
    expect(shape(events)).toEqual(TOOL_ROUND_TRIP);
    const calls = dataOf(events, "tool_call");
    // Nothing waits for a decision yet, so no call says approval is required.
    expect(calls.every((call) => !("approval" in call))).toBe(true);
    const results = resultsByName(events);
    expect(results["http__trigger-long-running-operation#0"]).toEqual({
      tool_call_id: expect.any(String),
      error: expect.stringMatching(
        /^The tool 'http__trigger-long-running-operation' was not run: it needs the user's approval/,
      ),
    });
    expect(results["http__echo#1"]).toMatchObject({ result: "Echo: still runs" });
    expect(events.at(-1)).toMatchObject({ event: "end", data: { finish_reason: "stop" } });
    // Declined, not run: the 30 s operation never started.
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
