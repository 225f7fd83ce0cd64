import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppServer, startApp } from "../../lib/testing/app-server";
import { HistoryClient, newId } from "../../lib/testing/history-client";
import { readSse } from "../../lib/testing/sse-client";
import { TEST_ENV } from "./global-setup";

// Accounts mode (PROTOCOL.md section 14) through the built app, with a data directory of its own
// that the open mode used first: sign-up, the first admin (one of two at once) and the open mode's
// history moving to them, approval, sign-in, sign-out, change password, sign out everywhere, the
// 401/403 shapes, one user never reaching another's conversations, streams or share links, no
// account enumeration, the sign-in limit, and the refusal to start without a lasting database.

const upstream = inject("upstreamUrl");
const SECRET = "accounts-test-secret-0123456789abcdef";
const PASSWORD = "correct horse battery";
const dataDir = mkdtempSync(join(tmpdir(), "accounts-data-"));
let app: AppServer;
let limited: AppServer;
const localId = newId("c");

beforeAll(async () => {
  // What a personal install had before accounts were turned on: one conversation of "local".
  const open = await startApp({ ...TEST_ENV, DEEPSEEK_BASE_URL: upstream, DATA_DIR: dataDir });
  try {
    const local = new HistoryClient(open.url);
    const body = {
      conversations: [{ id: localId, title: "from before", createdAt: 1, updatedAt: 2, messages: [] }],
    };
    expect((await local.send("POST", "/api/conversations/import", body)).status).toBe(200);
  } finally {
    await open.close();
  }
  const accounts = { ...TEST_ENV, DEEPSEEK_BASE_URL: upstream, AUTH_SECRET: SECRET };
  [app, limited] = await Promise.all([
    startApp({ ...accounts, DATA_DIR: dataDir, RATE_LIMIT_PER_MIN: "0" }),
    startApp({ ...accounts, RATE_LIMIT_PER_MIN: "3" }),
  ]);
}, 180_000);
afterAll(async () => {
  await Promise.all([app?.close(), limited?.close()]);
  rmSync(dataDir, { recursive: true, force: true });
});

function auth(server: AppServer, path: string, body: unknown, cookie?: string): Promise<Response> {
  return fetch(`${server.url}/api/auth${path}`, {
    method: "POST",
    headers: { origin: server.url, "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
}

const cookieOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .filter((pair) => !pair?.endsWith("="))
    .join("; ");

async function signUp(email: string, password = PASSWORD, server = app): Promise<Response> {
  return auth(server, "/sign-up/email", { name: email.split("@")[0], email, password });
}

async function signIn(email: string, password = PASSWORD, server = app): Promise<string> {
  const response = await auth(server, "/sign-in/email", { email, password });
  expect(response.status, await response.clone().text()).toBe(200);
  const cookie = cookieOf(response);
  expect(cookie).toMatch(/^chat\.session_token=/);
  return cookie;
}

const as = (cookie: string) => new HistoryClient(app.url, { cookie });
const me = async (cookie: string) =>
  (await as(cookie).send("GET", "/api/account")).json() as Promise<{
    id: string;
    role: string;
    status: string;
  }>;

interface Person {
  id: string;
  email: string;
  role: string;
  status: string;
}
const people = async () =>
  ((await (await as(admin).send("GET", "/api/people")).json()) as { people: Person[] }).people;

let admin = "";
let second = "";
const emails = { a: `ann-${newId("m")}@example.com`, b: `bob-${newId("m")}@example.com` };

describe("accounts mode", () => {
  it("makes exactly one of two simultaneous loopback sign-ups the admin, who gets the open mode's history", async () => {
    const answers = await Promise.all([signUp(emails.a), signUp(emails.b)]);
    for (const answer of answers) expect(answer.status).toBe(200);
    const cookies = await Promise.all([signIn(emails.a), signIn(emails.b)]);
    const states = await Promise.all(
      cookies.map(async (cookie) => (await as(cookie).send("GET", "/api/account")).status),
    );
    // One active admin (200), one pending (403).
    expect([...states].sort()).toEqual([200, 403]);
    const winner = states.indexOf(200);
    admin = cookies[winner] ?? "";
    second = cookies[1 - winner] ?? "";
    expect(await me(admin)).toMatchObject({ role: "admin", status: "active" });
    expect((await as(admin).tree(localId)).title).toBe("from before");
  });

  it("answers a pending account 403 and a signed-out one 401, and sends browsers to /sign-in", async () => {
    const pending = await as(second).send("GET", "/api/conversations");
    expect(pending.status).toBe(403);
    expect(await pending.json()).toEqual({
      error: { code: "account_pending", message: "This account is waiting for an admin to approve it." },
    });
    const out = await fetch(`${app.url}/api/conversations`);
    expect(out.status).toBe(401);
    expect(((await out.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
    const page = await fetch(`${app.url}/c/x?y=1`, { redirect: "manual" });
    expect(page.status).toBe(307);
    const location = new URL(page.headers.get("location") ?? "", app.url);
    expect(`${location.pathname}${location.search}`).toBe(`/sign-in?next=${encodeURIComponent("/c/x?y=1")}`);
    // The access code is no credential here.
    expect(
      (await fetch(`${app.url}/api/conversations`, { headers: { authorization: "Bearer x" } })).status,
    ).toBe(401);
  });

  it("lets the admin approve, and then keeps each person's conversations, streams and share links their own", async () => {
    const adminId = (await me(admin)).id;
    const pendingId = (await people()).find((person) => person.id !== adminId)?.id;
    expect((await as(second).send("GET", "/api/people")).status).toBe(403);
    const approved = await as(admin).send("PATCH", `/api/people/${pendingId}`, { status: "active" });
    expect(approved.status).toBe(200);
    expect((await as(second).send("GET", "/api/conversations")).status).toBe(200);
    // The other person sees nothing of the admin's.
    expect((await as(second).send("GET", `/api/conversations/${localId}`)).status).toBe(404);
    expect((await as(second).send("DELETE", `/api/conversations/${localId}`)).status).toBe(404);
    const shared = await as(admin).send("POST", "/api/shares", { conversationId: localId });
    expect(shared.status).toBe(201);
    const link = (await shared.json()) as { id: string };
    expect((await as(second).send("DELETE", `/api/shares/${link.id}`)).status).toBe(404);
    const theirs = (await (await as(second).send("GET", "/api/shares")).json()) as { shares: unknown[] };
    expect(theirs.shares).toEqual([]);
    // The share page stays public.
    expect((await fetch(`${app.url}/s/${link.id}`)).status).toBe(200);

    const started = await fetch(`${app.url}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: admin },
      body: JSON.stringify({
        prompt: `[[scenario:{"name":"tool","delayMs":40}]] ${newId("m")}`,
        resumable: true,
      }),
    });
    expect(started.status).toBe(200);
    const streamId = started.headers.get("x-stream-id") ?? "";
    const unknown = await as(second).send("GET", "/api/chat/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    const theirsRead = await as(second).send("GET", `/api/chat/${streamId}`);
    expect(theirsRead.status).toBe(404);
    expect(await theirsRead.json()).toEqual(await unknown.json());
    expect((await as(second).send("DELETE", `/api/chat/${streamId}`)).status).toBe(404);
    const own = await as(admin).send("GET", `/api/chat/${streamId}`);
    expect(own.status).toBe(200);
    expect((await readSse(own)).events.at(-1)?.event).toBe("end");
    await started.body?.cancel();
  });

  it("gives the same answer for a wrong password and an unknown email, and for a taken address at sign-up", async () => {
    const wrong = await auth(app, "/sign-in/email", { email: emails.a, password: "not the password" });
    const unknown = await auth(app, "/sign-in/email", {
      email: `nobody-${newId("m")}@example.com`,
      password: "not the password",
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    const taken = await signUp(emails.a, "another password 123");
    const free = await signUp(`new-${newId("m")}@example.com`, "another password 123");
    expect([taken.status, free.status]).toEqual([200, 200]);
    const shape = (body: { token: unknown; user: Record<string, unknown> }) => ({
      token: body.token,
      keys: Object.keys(body.user).sort(),
    });
    expect(shape(await taken.json())).toEqual(shape(await free.json()));
    expect(cookieOf(taken)).toBe("");
  });

  it("changes a password, signs out, and signs out everywhere", async () => {
    const email = `carol-${newId("m")}@example.com`;
    await signUp(email);
    const id = (await people()).find((person) => person.email === email)?.id;
    expect((await as(admin).send("PATCH", `/api/people/${id}`, { status: "active" })).status).toBe(200);
    const laptop = await signIn(email);
    const phone = await signIn(email);
    const changed = await auth(
      app,
      "/change-password",
      { currentPassword: PASSWORD, newPassword: "a new one 12345" },
      laptop,
    );
    expect(changed.status).toBe(200);
    expect((await auth(app, "/sign-in/email", { email, password: PASSWORD })).status).toBe(401);
    const third = await signIn(email, "a new one 12345");
    expect((await auth(app, "/sign-out", {}, third)).status).toBe(200);
    expect((await as(third).send("GET", "/api/conversations")).status).toBe(401);
    expect((await as(phone).send("GET", "/api/conversations")).status).toBe(200);
    expect((await auth(app, "/revoke-sessions", {}, laptop)).status).toBe(200);
    expect((await as(phone).send("GET", "/api/conversations")).status).toBe(401);
    expect((await as(laptop).send("GET", "/api/conversations")).status).toBe(401);
  });

  it("signs a disabled account out of every device", async () => {
    const secondId = (await me(second)).id;
    const other = (await people()).find((person) => person.id === secondId);
    expect((await as(admin).send("PATCH", `/api/people/${other?.id}`, { status: "disabled" })).status).toBe(
      200,
    );
    expect((await as(second).send("GET", "/api/conversations")).status).toBe(401);
  });

  it("limits sign-in attempts per address", async () => {
    const tries: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await auth(limited, "/sign-in/email", {
        email: "x@example.com",
        password: "wrong password",
      });
      tries.push(response.status);
      await response.body?.cancel();
    }
    expect(tries.slice(0, 3)).toEqual([401, 401, 401]);
    expect(tries.slice(3)).toEqual([429, 429]);
  });
});

describe("accounts mode without a lasting database", () => {
  it("refuses to start, saying what to set", async () => {
    const child = spawn(process.execPath, [join(import.meta.dirname, "../../scripts/start.mjs")], {
      env: {
        ...process.env,
        ...TEST_ENV,
        AUTH_SECRET: SECRET,
        VERCEL: "1",
        DATABASE_URL: "",
        PORT: "0",
        HOSTNAME: "127.0.0.1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(78);
    expect(output).toContain("set DATABASE_URL");
  });
});
