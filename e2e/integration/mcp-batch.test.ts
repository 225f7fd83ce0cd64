import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer, startApp } from "../../lib/testing/app-server";
import { quoteRoute } from "../../lib/testing/upstream/quote-route";

// Finding 3 of the security probe: /api/mcp took a JSON-RPC batch of up to 100 tool calls for one
// rate-limit token. MCP 2025-06-18 removed batching; the route refuses arrays before any tool runs.
// An app of its own, whose quote source (behind get_stock_info) counts what the tools asked it.

const call = (id: number) => ({
  jsonrpc: "2.0",
  id,
  method: "tools/call",
  params: { name: "get_stock_info", arguments: { code: "600519" } },
});

describe("/api/mcp and JSON-RPC batches", () => {
  let app: AppServer;
  let quotes: Server;
  let quoteRequests = 0;

  beforeAll(async () => {
    quotes = createServer((req, res) => {
      quoteRequests++;
      quoteRoute(req, res);
    });
    await new Promise<void>((resolve) => quotes.listen(0, "127.0.0.1", resolve));
    const { port } = quotes.address() as AddressInfo;
    app = await startApp({
      DEEPSEEK_API_KEY: "",
      STOCK_QUOTE_BASE_URL: `http://127.0.0.1:${port}/quote`,
      RATE_LIMIT_PER_MIN: "0",
    });
  });
  afterAll(async () => {
    await app?.close();
    await new Promise((resolve) => quotes?.close(resolve));
  });

  const post = (body: unknown) =>
    fetch(`${app.url}/api/mcp`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify(body),
    });

  it("refuses a batch of 100 tool calls with a 400 JSON-RPC error, and runs none of them", async () => {
    const before = quoteRequests;
    for (const batch of [Array.from({ length: 100 }, (_, i) => call(i + 1)), [call(1)], []]) {
      const response = await post(batch);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        jsonrpc: "2.0",
        id: null,
        error: { code: -32600, message: expect.stringContaining("one JSON-RPC message per request") },
      });
    }
    expect(quoteRequests - before).toBe(0);
  });

  it("answers a single message as before: one call, one run of the tool", async () => {
    const before = quoteRequests;
    const response = await post(call(7));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      jsonrpc: "2.0",
      id: 7,
      result: { structuredContent: { code: "600519", market: "sh" } },
    });
    expect(quoteRequests - before).toBe(1);
  });

  it("still refuses what is not JSON, as a JSON-RPC parse error", async () => {
    const response = await fetch(`${app.url}/api/mcp`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: "{not json",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ jsonrpc: "2.0", id: null, error: { code: -32700 } });
  });
});
