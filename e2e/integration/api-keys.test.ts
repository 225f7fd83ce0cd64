import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppServer, startApp } from "../../lib/testing/app-server";
import { HistoryClient, newId } from "../../lib/testing/history-client";
import { TEST_ENV } from "./global-setup";

// Personal API keys (PROTOCOL.md section 15) through the built app in accounts mode: made and
// listed with a session and shown once, then working for the chat (POST, GET, a stored
// conversation), MCP and the history API as their account, from the CLI too; last-used written at
// most once a minute; capped per account; and stopping at once on revoke or when the account is
// disabled, each with a 401 that says why.

const upstream = inject("upstreamUrl");
const root = join(import.meta.dirname, "../..");
const PASSWORD = "correct horse battery";
const run = newId("m");
const emails = {
  admin: `admin-${run}@example.com`,
  ann: `ann-${run}@example.com`,
  bob: `bob-${run}@example.com`,
};
let app: AppServer;
const cookies = { admin: "", ann: "", bob: "" };

beforeAll(async () => {
  app = await startApp({
    ...TEST_ENV,
    DEEPSEEK_BASE_URL: upstream,
    AUTH_SECRET: "api-keys-test-secret-0123456789abcdef",
    ADMIN_EMAILS: emails.admin,
    SIGNUP: "open",
    RATE_LIMIT_PER_MIN: "0",
  });
  for (const [who, email] of Object.entries(emails) as [keyof typeof emails, string][]) {
    const body = { name: who, email, password: PASSWORD };
    expect((await post("/api/auth/sign-up/email", body)).status).toBe(200);
    const signedIn = await post("/api/auth/sign-in/email", { email, password: PASSWORD });
    cookies[who] = signedIn.headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .join("; ");
  }
}, 180_000);
afterAll(async () => {
  await app?.close();
});

function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${app.url}${path}`, {
    method: "POST",
    headers: { origin: app.url, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

const session = (cookie: string) => new HistoryClient(app.url, { cookie, origin: app.url });
const withKey = (key: string) => new HistoryClient(app.url, { authorization: `Bearer ${key}` });

interface KeyInfo {
  id: string;
  name: string;
  start: string;
  createdAt: number;
  lastUsedAt: number | null;
}

async function createKey(cookie: string, name: string): Promise<KeyInfo & { key: string }> {
  const response = await session(cookie).send("POST", "/api/keys", { name });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as KeyInfo & { key: string };
}

async function listKeys(cookie: string): Promise<KeyInfo[]> {
  return ((await (await session(cookie).send("GET", "/api/keys")).json()) as { keys: KeyInfo[] }).keys;
}

/** The answer ran to its end: an `end` event, then `done`. */
async function answered(response: Response): Promise<boolean> {
  const text = await response.text();
  return (
    response.status === 200 && text.includes("event: end\n") && text.endsWith("event: done\ndata: [DONE]\n\n")
  );
}

async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

describe("personal API keys", () => {
  it("are shown once, then work for chat, MCP and history as their account, and stop on revoke", async () => {
    const made = await createKey(cookies.ann, "  laptop   cli ");
    expect(made).toMatchObject({ name: "laptop cli", lastUsedAt: null });
    expect(made.key).toMatch(/^dsk_[\w-]{43}$/);
    expect(made.start).toBe(made.key.slice(0, 10));
    const [listed] = await listKeys(cookies.ann);
    expect(listed).toEqual({
      id: made.id,
      name: "laptop cli",
      start: made.start,
      createdAt: made.createdAt,
      lastUsedAt: null,
    });

    const key = withKey(made.key);
    // The seed's clients with a header: no conversation, nothing stored.
    expect(await answered(await key.send("POST", "/api/chat", { prompt: "hello from a script" }))).toBe(true);
    const get = await fetch(`${app.url}/api/chat?prompt=${encodeURIComponent("hi")}`, {
      headers: { authorization: `Bearer ${made.key}` },
    });
    expect(get.headers.get("content-type")).toContain("text/event-stream");
    expect(await answered(get)).toBe(true);
    // A stored conversation belongs to the key's account: its browser sees it.
    const turn = key.firstTurn("kept by a key");
    expect(await answered(await key.chat(turn))).toBe(true);
    expect((await session(cookies.ann).tree(turn.id)).messages).toHaveLength(2);
    expect((await session(cookies.bob).send("GET", `/api/conversations/${turn.id}`)).status).toBe(404);
    for (const path of [
      "/api/conversations",
      "/api/search?q=kept",
      "/api/export",
      "/api/shares",
      "/api/tools",
    ]) {
      expect((await key.send("GET", path)).status, path).toBe(200);
    }
    const mcp = await fetch(`${app.url}/api/mcp`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${made.key}`,
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: {} }),
    });
    expect(mcp.status).toBe(200);
    expect(JSON.stringify(await mcp.json())).toContain("get_stock_info");
    // No pages, no account APIs, no keys made with a key.
    for (const [method, path] of [
      ["GET", "/"],
      ["GET", "/api/account"],
      ["POST", "/api/keys"],
      ["GET", "/api/keys"],
    ]) {
      const refused = await key.send(
        method ?? "GET",
        path ?? "/",
        method === "POST" ? { name: "x" } : undefined,
      );
      expect(refused.status, path).toBe(403);
      expect((await errorOf(refused)).code).toBe("key_not_allowed");
    }

    expect((await session(cookies.ann).send("DELETE", `/api/keys/${made.id}`)).status).toBe(204);
    const revoked = await key.send("GET", "/api/conversations");
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get("www-authenticate")).toContain("Bearer");
    expect((await errorOf(revoked)).message).toMatch(/revoked/);
    expect(await listKeys(cookies.ann)).toEqual([]);
  });

  it("writes last-used once, not on every request", async () => {
    const made = await createKey(cookies.ann, "busy script");
    const before = Date.now();
    for (let i = 0; i < 5; i++)
      expect((await withKey(made.key).send("GET", "/api/conversations")).status).toBe(200);
    const [first] = await listKeys(cookies.ann);
    expect(first?.lastUsedAt).toBeGreaterThanOrEqual(before - 1_000);
    for (let i = 0; i < 5; i++) expect((await withKey(made.key).send("GET", "/api/shares")).status).toBe(200);
    // Within the minute: the first use stays the one written.
    expect((await listKeys(cookies.ann))[0]?.lastUsedAt).toBe(first?.lastUsedAt);
  });

  it("stops when its account is disabled, saying so; and a Bearer that is no key is told what to send", async () => {
    const made = await createKey(cookies.bob, "bob's");
    expect((await withKey(made.key).send("GET", "/api/conversations")).status).toBe(200);
    const bob = (await (await session(cookies.bob).send("GET", "/api/account")).json()) as { id: string };
    expect(
      (await session(cookies.admin).send("PATCH", `/api/people/${bob.id}`, { status: "disabled" })).status,
    ).toBe(200);
    const refused = await withKey(made.key).send("GET", "/api/conversations");
    expect(refused.status).toBe(401);
    expect((await errorOf(refused)).message).toMatch(/disabled/);

    const wrong = await withKey("some-access-code").send("GET", "/api/conversations");
    expect(wrong.status).toBe(401);
    expect((await errorOf(wrong)).message).toMatch(/personal API key \(dsk_…\)/);
    const unknown = await withKey(`dsk_${"A".repeat(43)}`).send("GET", "/api/conversations");
    expect((await errorOf(unknown)).message).toMatch(/not known/);
  });

  it("keeps an account to 20 live keys", async () => {
    const live = (await listKeys(cookies.admin)).length;
    await Promise.all(Array.from({ length: 20 - live }, (_, i) => createKey(cookies.admin, `key ${i}`)));
    const refused = await session(cookies.admin).send("POST", "/api/keys", { name: "one too many" });
    expect(refused.status).toBe(409);
    expect((await errorOf(refused)).code).toBe("too_many_keys");
    expect((await session(cookies.admin).send("POST", "/api/keys", { name: "  " })).status).toBe(400);
  });

  it("serves the CLI: --server with DEEPSEEK_CHAT_KEY", async () => {
    const made = await createKey(cookies.ann, "cli");
    const cli = (env: Record<string, string>) =>
      promisify(execFile)(
        "npm",
        ["run", "--silent", "chat", "--", "--server", app.url, "hello from the CLI"],
        {
          cwd: root,
          env: { ...process.env, ...env },
          timeout: 30_000,
        },
      );
    const { stdout } = await cli({ DEEPSEEK_CHAT_KEY: made.key });
    expect(stdout.startsWith("id: 1\nevent: start\n")).toBe(true);
    expect(stdout.endsWith("event: done\ndata: [DONE]\n\n")).toBe(true);
    await expect(cli({ DEEPSEEK_CHAT_KEY: "" })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("401: Sign in first"),
    });
  });
});
