import { readFileSync } from "node:fs";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { approvalInAppError, type ToolPolicy } from "../tool-policy";
import { type BuiltinServerDeps, createBuiltinServer } from "./builtin-server";

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function connect(deps: BuiltinServerDeps = {}): Promise<Client> {
  const server = createBuiltinServer(deps);
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "builtin-server-test", version: "1.0.0" });
  await Promise.all([server.connect(serverTransport), client.connect(clientTransport)]);
  cleanups.push(async () => {
    await client.close();
    await server.close();
  });
  return client;
}

function fixture(name: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url)));
}

function serving(name: string, urls: string[] = []): typeof fetch {
  return async (url) => {
    urls.push(String(url));
    return new Response(fixture(name), { headers: { "content-type": "text/html; charset=GBK" } });
  };
}

function textOf(result: Awaited<ReturnType<Client["callTool"]>>): string {
  const [first] = result.content as Array<{ type: string; text?: string }>;
  return first?.type === "text" ? (first.text ?? "") : "";
}

describe("createBuiltinServer", () => {
  it("lists the three tools with schemas and descriptions for the model", async () => {
    const client = await connect();
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      "calculate",
      "get_current_time",
      "get_stock_info",
    ]);

    const byName = new Map(tools.map((tool) => [tool.name, tool]));
    const stock = byName.get("get_stock_info");
    expect(stock?.inputSchema).toMatchObject({
      type: "object",
      properties: { code: { type: "string" } },
      required: ["code"],
    });
    expect(stock?.description).toMatch(/600519/);
    expect(stock?.description).toMatch(/percent change/);
    expect(stock?.outputSchema?.properties).toHaveProperty("price");

    const time = byName.get("get_current_time");
    expect(time?.inputSchema.properties).toHaveProperty("timezone");
    expect(time?.inputSchema.required ?? []).not.toContain("timezone");
    expect(time?.description).toMatch(/IANA/);

    const calc = byName.get("calculate");
    expect(calc?.inputSchema).toMatchObject({ required: ["expression"] });
    expect(calc?.outputSchema?.properties).toHaveProperty("result");
  });

  it("get_stock_info returns the quote as text and structured content", async () => {
    const urls: string[] = [];
    const client = await connect({
      fetch: serving("tencent-sh600519.gbk.txt", urls),
      stockBaseUrl: "http://127.0.0.1:9",
    });
    const result = await client.callTool({ name: "get_stock_info", arguments: { code: "600519" } });
    expect(result.isError).toBeFalsy();
    expect(urls).toEqual(["http://127.0.0.1:9/q=sh600519"]);
    expect(result.structuredContent).toMatchObject({
      code: "600519",
      name: "贵州茅台",
      price: 1459.88,
      change: 0.03,
      currency: "CNY",
      time: "2026-04-02T16:14:01+08:00",
    });
    expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);
  });

  it("get_stock_info reports an unknown code as an error result", async () => {
    const client = await connect({ fetch: serving("tencent-unknown-code.gbk.txt") });
    const result = await client.callTool({ name: "get_stock_info", arguments: { code: "699999" } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^there is no listed security 699999 on the Shanghai exchange/);
    expect(result.structuredContent).toBeUndefined();
  });

  it("get_stock_info reports a bad code and an unreachable source as error results", async () => {
    const client = await connect({
      fetch: async () => new Response("", { status: 503, statusText: "Service Unavailable" }),
    });
    const bad = await client.callTool({ name: "get_stock_info", arguments: { code: "abc" } });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toBe("'abc' is not an A-share code; use six digits such as 600519");

    const down = await client.callTool({ name: "get_stock_info", arguments: { code: "000001" } });
    expect(down.isError).toBe(true);
    expect(textOf(down)).toMatch(/could not be reached: HTTP 503 Service Unavailable$/);
  });

  it("get_stock_info passes the request's abort signal to the quote source", async () => {
    let seen: AbortSignal | undefined;
    const client = await connect({
      fetch: (_url, init) => {
        seen = init?.signal ?? undefined;
        return new Promise<Response>(() => {});
      },
    });
    const controller = new AbortController();
    const call = client.callTool({ name: "get_stock_info", arguments: { code: "600519" } }, undefined, {
      signal: controller.signal,
    });
    await vi.waitFor(() => expect(seen).toBeDefined());
    expect(seen?.aborted).toBe(false);
    controller.abort();
    await expect(call).rejects.toThrow();
    await vi.waitFor(() => expect(seen?.aborted).toBe(true));
  });

  it("get_current_time uses the injected clock and the requested zone", async () => {
    const client = await connect({ now: () => new Date("2026-11-24T13:30:00Z") });
    const result = await client.callTool({
      name: "get_current_time",
      arguments: { timezone: "Asia/Shanghai" },
    });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({
      iso: "2026-11-24T21:30:00+08:00",
      time_zone: "Asia/Shanghai",
      local: "2026-11-24 21:30:00",
      weekday: "Tuesday",
      utc_offset: "+08:00",
      unix_ms: Date.UTC(2026, 10, 24, 13, 30),
    });

    const serverZone = await client.callTool({ name: "get_current_time", arguments: {} });
    expect(serverZone.isError).toBeFalsy();
    expect(serverZone.structuredContent).toHaveProperty("unix_ms", Date.UTC(2026, 10, 24, 13, 30));
  });

  it("get_current_time reports an unknown zone as an error result", async () => {
    const client = await connect();
    const result = await client.callTool({ name: "get_current_time", arguments: { timezone: "Mars/Base" } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe("unknown time zone 'Mars/Base'; use an IANA name such as Asia/Shanghai");
  });

  it("calculate evaluates and reports errors with positions", async () => {
    const client = await connect();
    const ok = await client.callTool({
      name: "calculate",
      arguments: { expression: "（1+2）×3^2 + 0.1 + 0.2" },
    });
    expect(ok.isError).toBeFalsy();
    expect(ok.structuredContent).toEqual({ expression: "（1+2）×3^2 + 0.1 + 0.2", result: 27.3 });
    expect(JSON.parse(textOf(ok))).toEqual(ok.structuredContent);

    const divide = await client.callTool({ name: "calculate", arguments: { expression: "1/0" } });
    expect(divide.isError).toBe(true);
    expect(textOf(divide)).toBe("division by zero at position 2");
  });

  it("rejects calls whose arguments do not match the input schema", async () => {
    const client = await connect();
    const result = await client.callTool({ name: "calculate", arguments: {} });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/expression/);
  });
});

describe("createBuiltinServer with policies (/api/mcp, PROTOCOL.md section 23)", () => {
  const table: Record<string, ToolPolicy> = {
    get_stock_info: "never",
    get_current_time: "ask",
    calculate: "auto",
  };
  const policyOf = (tool: string) => table[tool] ?? "auto";

  it("does not list a never tool, and a call to it finds no tool", async () => {
    const client = await connect({ policyOf });
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(["get_current_time", "calculate"]);
    // The SDK answers an unknown tool with an error result or a JSON-RPC error, by version.
    const outcome = await client.callTool({ name: "get_stock_info", arguments: { code: "600519" } }).then(
      (result) => ({ isError: result.isError === true, text: textOf(result) }),
      (error: Error) => ({ isError: true, text: error.message }),
    );
    expect(outcome.isError).toBe(true);
    expect(outcome.text).toMatch(/get_stock_info.*not found/i);
  });

  it("refuses an ask tool with an error saying it needs approval in the app, and runs an auto one", async () => {
    let asked = 0;
    const client = await connect({
      policyOf,
      now: () => {
        asked++;
        return new Date("2026-11-24T13:30:00Z");
      },
    });
    const refused = await client.callTool({ name: "get_current_time", arguments: {} });
    expect(refused).toMatchObject({ isError: true });
    expect(textOf(refused)).toBe(approvalInAppError("get_current_time"));
    expect(asked).toBe(0);
    const allowed = await client.callTool({ name: "calculate", arguments: { expression: "6*7" } });
    expect(allowed.structuredContent).toEqual({ expression: "6*7", result: 42 });
  });

  it("serves every tool as is when all are auto (what /api/mcp has today)", async () => {
    const client = await connect({ policyOf: () => "auto" });
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(["get_stock_info", "get_current_time", "calculate"]);
  });
});
