import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppServer, startApp } from "../../lib/testing/app-server";
import { HistoryClient, newId } from "../../lib/testing/history-client";
import { dataOf, nonce, readSse, text, upstreamRequests } from "../../lib/testing/sse-client";
import { TEST_ENV } from "./global-setup";

// Tool settings (PROTOCOL.md section 25) through the built app in accounts mode, with
// server-everything over stdio (echo is `ask`, get-env `never` in mcp.json) and a server that
// cannot start: what an owner, an admin and a request switch off is absent from the upstream
// request's tools; a tightened tool is declined; an always-allowed one runs; bad changes are 400s.

const upstream = inject("upstreamUrl");
const everything = join(
  import.meta.dirname,
  "../../node_modules/@modelcontextprotocol/server-everything/dist/index.js",
);
const PASSWORD = "correct horse battery";
let app: AppServer;
let admin: HistoryClient;

function mcpConfig(): string {
  const path = join(mkdtempSync(join(tmpdir(), "tool-settings-")), "mcp.json");
  const everythingEntry = {
    command: process.execPath,
    args: [everything, "stdio"],
    toolApproval: { echo: "ask", "get-env": "never" },
  };
  writeFileSync(
    path,
    JSON.stringify({
      mcpServers: { everything: everythingEntry, broken: { command: "definitely-not-a-command-4711" } },
    }),
  );
  return path;
}

async function person(name: string): Promise<HistoryClient> {
  const email = `${name}-${newId("m")}@example.com`;
  const auth = (path: string, body: unknown) =>
    fetch(`${app.url}/api/auth${path}`, {
      method: "POST",
      headers: { origin: app.url, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  expect((await auth("/sign-up/email", { name, email, password: PASSWORD })).status).toBe(200);
  const signedIn = await auth("/sign-in/email", { email, password: PASSWORD });
  const cookie = signedIn.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  return new HistoryClient(app.url, { cookie, origin: app.url });
}

beforeAll(async () => {
  app = await startApp({
    ...TEST_ENV,
    DEEPSEEK_BASE_URL: upstream,
    AUTH_SECRET: "tool-settings-secret-0123456789abcdef",
    ADMIN_EMAILS: "",
    SIGNUP: "open",
    RATE_LIMIT_PER_MIN: "0",
    MCP_CONFIG: mcpConfig(),
  });
  // The first account is the admin.
  admin = await person("admin");
}, 180_000);
afterAll(async () => {
  await app?.close();
});

type Call = { name: string; arguments: Record<string, unknown> };

/** One answer whose model calls `calls`; its events and the tools its first upstream request offered. */
async function answer(client: HistoryClient, calls: Call[], extra: Record<string, unknown> = {}) {
  const tag = nonce();
  const marker = `[[scenario:${JSON.stringify({ name: "tools", rounds: [calls] })}]] ${tag}`;
  const response = await client.send("POST", "/api/chat", { prompt: marker, ...extra });
  expect(response.status).toBe(200);
  const { events } = await readSse(response);
  expect(events.at(-1)?.event).toBe("end");
  const [first] = await upstreamRequests(upstream, tag);
  if (!first) throw new Error("the upstream saw no request for this answer");
  const body = first.body as { tools?: { function: { name: string } }[] };
  return { events, offered: (body.tools ?? []).map((tool) => tool.function.name) };
}

const patch = (client: HistoryClient, body: unknown) => client.send("PATCH", "/api/tools/settings", body);

async function errorOf(response: Response): Promise<[number, string, string]> {
  const { error } = (await response.json()) as { error: { code: string; message: string } };
  return [response.status, error.code, error.message];
}

describe("tool settings", () => {
  it("leave out what the owner and what the request switched off, for that owner and request only", async () => {
    const ann = await person("ann");
    expect((await patch(ann, { server: "everything", tool: "get-sum", enabled: false })).status).toBe(200);
    const { offered } = await answer(ann, [], { tools_off: [{ server: "everything", tool: "echo" }] });
    expect(offered).not.toContain("get-sum");
    expect(offered).not.toContain("echo");
    expect(offered).not.toContain("get-env");
    expect(offered).toContain("get-tiny-image");
    // A model that calls a switched-off tool reaches nothing: it was never offered.
    const called = await answer(ann, [{ name: "get-sum", arguments: { a: 1, b: 2 } }]);
    expect(text(called.events, "message")).toBe("Tool not available: get-sum (not in this request's tools).");
    // Another account keeps every tool; a whole server switched off takes all its tools.
    const bob = await person("bob");
    expect((await answer(bob, [])).offered).toEqual(expect.arrayContaining(["get-sum", "echo"]));
    expect((await answer(bob, [], { tools_off: [{ server: "everything" }] })).offered).not.toContain("echo");
  });

  it("decline a call of a tool the owner tightened to ask, and run an ask tool the owner always allows", async () => {
    const carol = await person("carol");
    expect((await patch(carol, { server: "everything", tool: "get-sum", policy: "ask" })).status).toBe(200);
    const tightened = await answer(carol, [{ name: "get-sum", arguments: { a: 1, b: 2 } }]);
    expect(dataOf(tightened.events, "tool_result")[0]).toHaveProperty(
      "error",
      expect.stringMatching(/^The tool 'get-sum' was not run: it needs the user's approval/),
    );

    const declined = await answer(carol, [{ name: "echo", arguments: { message: "hi" } }]);
    expect(dataOf(declined.events, "tool_result")[0]).toHaveProperty(
      "error",
      expect.stringMatching(/needs the user's approval/),
    );
    expect((await patch(carol, { server: "everything", tool: "echo", policy: "auto" })).status).toBe(200);
    const allowed = await answer(carol, [{ name: "echo", arguments: { message: "hi" } }]);
    expect(dataOf(allowed.events, "tool_result")[0]).toMatchObject({ result: "Echo: hi" });
  });

  it("let an admin decide for everyone, and no user loosen it", async () => {
    const dave = await person("dave");
    const deployment = { layer: "deployment", server: "everything", tool: "get-tiny-image" };
    expect(await errorOf(await patch(dave, { ...deployment, enabled: false }))).toEqual([
      403,
      "not_admin",
      expect.any(String),
    ]);
    expect((await patch(admin, { ...deployment, enabled: false })).status).toBe(200);
    expect((await patch(admin, { ...deployment, tool: "echo", policy: "ask" })).status).toBe(200);
    // Each change for everyone is a line of the admin audit log (section 18), newest first.
    const audit = (await (await admin.send("GET", "/api/admin/audit")).json()) as {
      entries: { action: string; actor: { id: string }; target: { id: string } }[];
    };
    expect(audit.entries.filter((entry) => entry.action === "tools").slice(0, 2)).toEqual([
      expect.objectContaining({
        target: expect.objectContaining({ id: "*" }),
        before: { tool: "everything/echo", enabled: true, policy: null },
        after: { tool: "everything/echo", enabled: true, policy: "ask" },
      }),
      expect.objectContaining({
        before: { tool: "everything/get-tiny-image", enabled: true, policy: null },
        after: { tool: "everything/get-tiny-image", enabled: false, policy: null },
      }),
    ]);
    // The user's own "on" cannot switch back what the admin switched off, nor always-allow a pinned tool.
    expect((await patch(dave, { server: "everything", tool: "get-tiny-image", enabled: true })).status).toBe(
      200,
    );
    expect((await answer(dave, [])).offered).not.toContain("get-tiny-image");
    expect(await errorOf(await patch(dave, { server: "everything", tool: "echo", policy: "auto" }))).toEqual([
      400,
      "invalid_request",
      "policy: an admin set 'echo' to ask, and no user may loosen it",
    ]);
    const view = (await (await dave.send("GET", "/api/tools")).json()) as {
      servers: { name: string; tools: { name: string; effective: unknown; can_allow_always: boolean }[] }[];
      editable: unknown;
    };
    const tools = view.servers.find((server) => server.name === "everything")?.tools ?? [];
    expect(tools.find((tool) => tool.name === "echo")).toMatchObject({
      effective: { policy: "ask", off: false },
      can_allow_always: false,
    });
    expect(tools.find((tool) => tool.name === "get-tiny-image")?.effective).toEqual({
      policy: "auto",
      off: true,
    });
    expect(view.editable).toEqual({ own: true, deployment: false });
    await patch(admin, { ...deployment, enabled: true });
    await patch(admin, { ...deployment, tool: "echo", policy: null });
  });

  it("refuse a bad change with 400 naming the field, and an unknown server or tool with 404", async () => {
    const erin = await person("erin");
    const cases: [unknown, number, string][] = [
      [{ server: "everything", tool: "echo" }, 400, "enabled: send enabled, policy or both"],
      [{ server: "everything", enabled: "no" }, 400, "enabled: must be true or false"],
      [{ server: "everything", tool: "echo", policy: "sometimes" }, 400, "policy: use auto, ask or null"],
      [{ server: "everything", enabled: true, colour: "red" }, 400, "body: unknown field colour"],
      [{ server: "", enabled: true }, 400, "server: must not be empty"],
      [{ layer: "mine", server: "everything", enabled: true }, 400, "layer: use own or deployment"],
      [
        { server: "everything", policy: "ask" },
        400,
        "policy: a policy is set per tool, not for a whole server",
      ],
      [
        { server: "everything", tool: "get-env", policy: "ask" },
        400,
        "policy: 'get-env' is never in mcp.json, and nothing here can change that",
      ],
      [
        { server: "everything", tool: "get-sum", policy: "auto" },
        400,
        "policy: auto (Always allow) is for a tool mcp.json says is ask; 'get-sum' is auto",
      ],
      [{ server: "nowhere", enabled: false }, 404, "No such server: 'nowhere'."],
      [
        { server: "everything", tool: "nothing", enabled: false },
        404,
        "No such tool on 'everything': 'nothing'.",
      ],
    ];
    for (const [body, status, message] of cases) {
      const [got, , said] = await errorOf(await patch(erin, body));
      expect([JSON.stringify(body), got, said]).toEqual([JSON.stringify(body), status, message]);
    }
    const badRequest = await erin.send("POST", "/api/chat", {
      prompt: "hi",
      tools_off: [{ server: "x", colour: 1 }],
    });
    expect(await errorOf(badRequest)).toEqual([
      400,
      "invalid_request",
      expect.stringMatching(/^tools_off\[0\]/),
    ]);
  });

  it("show a failed server with its reason, and remember a stored conversation's switches", async () => {
    const fay = await person("fay");
    const turn = fay.firstTurn(`switches ${nonce()}`);
    const off = [{ server: "everything", tool: "echo" }];
    const response = await fay.chat(turn, { tools_off: off });
    expect(response.status).toBe(200);
    await readSse(response);
    const view = (await (await fay.send("GET", `/api/tools?conversation=${turn.id}`)).json()) as {
      servers: { name: string; status: string; error?: string }[];
      conversation: unknown;
    };
    expect(view.conversation).toEqual({ id: turn.id, tools_off: off });
    expect(view.servers.find((server) => server.name === "broken")).toMatchObject({
      status: "failed",
      error: expect.any(String),
    });
    // Another account reading the same id finds nothing of it.
    const other = (await (await admin.send("GET", `/api/tools?conversation=${turn.id}`)).json()) as {
      conversation: unknown;
    };
    expect(other.conversation).toEqual({ id: turn.id, tools_off: [] });
  });
});
