import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createBuiltinServer } from "./builtin/builtin-server";
import { parseMcpConfig } from "./mcp-config";
import { McpPool } from "./mcp-pool";

// The pool against real processes: a stdio server that crashes, hangs and changes its tool list,
// a command that does not exist, and a port that refuses connections.

const faultServer = join(import.meta.dirname, "../testing/mcp-servers/fault-server.mjs");
const faultLog = join(mkdtempSync(join(tmpdir(), "mcp-pool-test-")), "faulty.log");

/** What the fault server's slow tool recorded for `tag`: started, cancelled, finished. */
function slowToolEvents(tag: string): { event: string; at: number }[] {
  let text = "";
  try {
    text = readFileSync(faultLog, "utf8");
  } catch {
    return [];
  }
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { tag: string; event: string; at: number })
    .filter((entry) => entry.tag === tag);
}

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

const config = parseMcpConfig(
  {
    mcpServers: {
      faulty: {
        command: process.execPath,
        args: [faultServer],
        env: { FAULT_SERVER_LOG: faultLog },
        timeout: 600,
      },
      missing: { command: "definitely-not-a-command-4711" },
      refused: { url: `http://127.0.0.1:${await closedPort()}/mcp` },
    },
  },
  {},
);
const pool = new McpPool(config.servers, config.problems, {
  connectTimeoutMs: 5_000,
  callTimeoutMs: 5_000,
  retryAfterMs: 60_000,
});
const signal = () => new AbortController().signal;
afterAll(() => pool.close());

describe("McpPool", () => {
  it("offers the tools of the servers that are up and says why the others are not", async () => {
    const tools = await pool.toolSet();
    expect(tools.tools.map((t) => `${t.server}/${t.name}`).sort()).toEqual([
      "faulty/add_tool",
      "faulty/crash",
      "faulty/fail",
      "faulty/hang",
      "faulty/ok",
      "faulty/slow",
    ]);
    const status = await pool.status();
    expect(status.map((s) => [s.name, s.status])).toEqual([
      ["faulty", "connected"],
      ["missing", "failed"],
      ["refused", "failed"],
    ]);
    expect(status[1]?.error).toMatch(/command not found/);
    expect(status[2]?.error).toMatch(/could not connect|refused/);
  });

  it("does not retry a failed server on every request", async () => {
    const started = performance.now();
    await pool.toolSet();
    expect(performance.now() - started).toBeLessThan(200);
  });

  it("maps results, error results and timeouts", async () => {
    const tools = await pool.toolSet();
    expect(await tools.call("ok", { text: "hi" }, { signal: signal() })).toEqual({ result: "ok: hi" });
    expect(await tools.call("fail", {}, { signal: signal() })).toEqual({
      error: "the widget is out of stock",
    });
    const started = performance.now();
    expect(await tools.call("hang", {}, { signal: signal() })).toEqual({
      error: "The tool did not answer within 0.6 s and was stopped.",
    });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("cancels a call when the request's signal aborts", async () => {
    const tools = await pool.toolSet();
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 50);
    const started = performance.now();
    await expect(tools.call("hang", {}, { signal: abort.signal })).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("keeps a tool that reports progress past its timeout", async () => {
    const tools = await pool.toolSet();
    expect(await tools.call("slow", { tag: "long", seconds: 1 }, { signal: signal() })).toEqual({
      result: "slow: long after 1 s",
    });
    expect(slowToolEvents("long").map((e) => e.event)).toEqual(["started", "finished"]);
  });

  it("tells the server to stop a running call when the signal aborts (notifications/cancelled)", async () => {
    const tools = await pool.toolSet();
    const abort = new AbortController();
    const call = tools.call("slow", { tag: "cut" }, { signal: abort.signal });
    for (let i = 0; i < 100 && slowToolEvents("cut").length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const abortedAt = Date.now();
    abort.abort();
    await expect(call).rejects.toThrow();
    let events = slowToolEvents("cut");
    for (let i = 0; i < 50 && events.length < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      events = slowToolEvents("cut");
    }
    expect(events.map((e) => e.event)).toEqual(["started", "cancelled"]);
    expect((events[1]?.at ?? Infinity) - abortedAt).toBeLessThan(500);
  });

  it("reports a crash mid-call and reconnects on the next request", async () => {
    const tools = await pool.toolSet();
    expect(await tools.call("crash", {}, { signal: signal() })).toEqual({
      error: "The tool server 'faulty' closed the connection during the call (it may have crashed).",
    });
    const again = await pool.toolSet();
    expect(again.tools.some((t) => t.name === "ok")).toBe(true);
    expect(await again.call("ok", { text: "back" }, { signal: signal() })).toEqual({ result: "ok: back" });
  });

  it("refreshes the tool list on tools/list_changed", async () => {
    const tools = await pool.toolSet();
    expect(tools.tools.some((t) => t.name === "late_tool")).toBe(false);
    await tools.call("add_tool", {}, { signal: signal() });
    let names: string[] = [];
    for (let i = 0; i < 50 && !names.includes("late_tool"); i++) {
      names = (await pool.toolSet()).tools.map((t) => t.name);
      if (!names.includes("late_tool")) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(names).toContain("late_tool");
  });
});

describe("McpPool: tool policies (PROTOCOL.md section 23)", () => {
  const guarded = parseMcpConfig(
    {
      mcpServers: {
        guarded: {
          command: process.execPath,
          args: [faultServer],
          env: { FAULT_SERVER_LOG: faultLog },
          approval: "ask",
          toolApproval: { ok: "auto", crash: "never" },
        },
      },
    },
    {},
  );
  const policyPool = new McpPool(guarded.servers, guarded.problems, {
    builtin: () => createBuiltinServer(),
    connectTimeoutMs: 5_000,
    callTimeoutMs: 5_000,
    retryAfterMs: 60_000,
  });
  afterAll(() => policyPool.close());

  it("leaves never tools out of the tool set and gives every other tool its policy", async () => {
    const tools = await policyPool.toolSet();
    const policies = Object.fromEntries(tools.tools.map((t) => [`${t.server}/${t.name}`, t.policy]));
    expect(policies).toEqual({
      "builtin/get_stock_info": "auto",
      "builtin/get_current_time": "auto",
      "builtin/calculate": "auto",
      "guarded/add_tool": "ask",
      "guarded/fail": "ask",
      "guarded/hang": "ask",
      "guarded/ok": "auto",
      "guarded/slow": "ask",
    });
    // A model that invents the never tool's name reaches nothing.
    expect(await tools.call("crash", {}, { signal: signal() })).toEqual({
      error: "There is no tool named 'crash'.",
    });
  });

  it("lists never tools in the status with their policy, and each server's approval", async () => {
    const status = await policyPool.status();
    const byName = Object.fromEntries(status.map((s) => [s.name, s]));
    expect(byName.builtin?.approval).toBe("auto");
    expect(byName.guarded?.approval).toBe("ask");
    const policies = Object.fromEntries((byName.guarded?.tools ?? []).map((t) => [t.name, t.policy]));
    expect(policies).toMatchObject({ crash: "never", ok: "auto", fail: "ask" });
  });

  it("applies an answer's adjustments after naming: off tools are unknown, never stays out, names do not move", async () => {
    const names = (await policyPool.toolSet()).tools.map((t) => t.name);
    const tools = await policyPool.toolSet((server, tool, policy) => {
      if (tool === "fail") return "off";
      if (tool === "crash") return "auto"; // a bug above must still not offer a never tool
      return server === "guarded" && tool === "ok" ? "ask" : policy;
    });
    expect(tools.tools.map((t) => t.name)).toEqual(names.filter((name) => name !== "fail"));
    expect(tools.tools.find((t) => t.name === "ok")?.policy).toBe("ask");
    expect(await tools.call("fail", {}, { signal: signal() })).toEqual({
      error: "There is no tool named 'fail'.",
    });
    expect(await tools.call("crash", {}, { signal: signal() })).toEqual({
      error: "There is no tool named 'crash'.",
    });
  });
});
