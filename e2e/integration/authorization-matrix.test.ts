import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { issueAccessToken } from "@/lib/http/access-code";
import { type AppServer, startApp } from "../../lib/testing/app-server";
import { HistoryClient, newId } from "../../lib/testing/history-client";
import { betterAuthPathsInUse, servedFiles } from "../../lib/testing/route-files";
import {
  API,
  BETTER_AUTH,
  type Fresh,
  type Outcome,
  PAGES,
  REQUESTERS,
  type Requester,
  type Resources,
  type Row,
} from "./authorization-table";
import { TEST_ENV } from "./global-setup";

// Issue 18's authorization matrix: every page and API route the app's files serve × {signed out,
// user, other user, admin, API key, revoked key}, each cell asserted against a built app in
// accounts mode with real resources (a conversation, a share link, a resumable stream, keys). The
// rows come from authorization-table.ts; a route file or method missing there fails the first test.
// A seventh column, a valid cookie of the access-code mode, must get what signed out gets.

const upstream = inject("upstreamUrl");
const SECRET = "matrix-test-secret-0123456789abcdefgh";
const ACCESS = { ACCESS_CODE: "matrix-code", ACCESS_SECRET: "matrix-access-secret" };
const PASSWORD = "correct horse battery";
const run = newId("m");
const emails = {
  admin: `admin-${run}@example.com`,
  ann: `ann-${run}@example.com`,
  bob: `bob-${run}@example.com`,
};
const ROWS: Record<string, Row> = { ...PAGES, ...BETTER_AUTH, ...API };

let app: AppServer;
const sessions = { user: "", otherUser: "", admin: "" };
const keys = { live: "", revoked: "" };
let base: Omit<Resources, "unique">;

beforeAll(async () => {
  app = await startApp({
    ...TEST_ENV,
    ...ACCESS,
    DEEPSEEK_BASE_URL: upstream,
    AUTH_SECRET: SECRET,
    ADMIN_EMAILS: emails.admin,
    SIGNUP: "open",
    RATE_LIMIT_PER_MIN: "0",
    // A row's cells run at once, each starting an answer of Ann's: more than the default three a
    // person may run (PROTOCOL.md section 17), which is not what the matrix is about.
    USER_MAX_CONCURRENT: "50",
  });
  for (const email of Object.values(emails)) {
    const made = await post("/api/auth/sign-up/email", {
      name: email.split("-")[0],
      email,
      password: PASSWORD,
    });
    expect(made.status).toBe(200);
  }
  await signInAll();
  const ann = client(sessions.user);
  const turn = ann.firstTurn("hello matrix");
  expect(await (await ann.chat(turn)).text()).toContain("event: done");
  const key = await ann.send("POST", "/api/keys", { name: "live" });
  const revoked = await ann.send("POST", "/api/keys", { name: "revoked" });
  keys.live = ((await key.json()) as { key: string }).key;
  const revokedBody = (await revoked.json()) as { id: string; key: string };
  keys.revoked = revokedBody.key;
  expect((await ann.send("DELETE", `/api/keys/${revokedBody.id}`)).status).toBe(204);
  const bob = (await (await client(sessions.otherUser).send("GET", "/api/account")).json()) as { id: string };
  base = {
    conversation: turn.id,
    share: await freshOf("share", turn.id),
    stream: await freshOf("stream", turn.id),
    key: await freshOf("key", turn.id),
    bob: bob.id,
  };
}, 180_000);
afterAll(async () => {
  await app?.close();
});

function post(path: string, body: unknown, cookie?: string): Promise<Response> {
  return fetch(`${app.url}${path}`, {
    method: "POST",
    headers: { origin: app.url, "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
}

const client = (cookie: string) => new HistoryClient(app.url, { cookie, origin: app.url });

async function signIn(email: string): Promise<string> {
  const response = await post("/api/auth/sign-in/email", { email, password: PASSWORD });
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
}

async function signInAll(): Promise<void> {
  [sessions.user, sessions.otherUser, sessions.admin] = await Promise.all([
    signIn(emails.ann),
    signIn(emails.bob),
    signIn(emails.admin),
  ]);
}

/** A new resource of Ann's, for a cell that uses one up. */
async function freshOf(kind: Fresh, conversation: string): Promise<string> {
  const ann = client(sessions.user);
  if (kind === "conversation") {
    const id = newId("c");
    const body = { conversations: [{ id, title: "fresh", createdAt: 1, updatedAt: 2, messages: [] }] };
    expect((await ann.send("POST", "/api/conversations/import", body)).status).toBe(200);
    return id;
  }
  if (kind === "stream") {
    const started = await ann.send("POST", "/api/chat", { prompt: "stream for the matrix", resumable: true });
    const id = started.headers.get("x-stream-id") ?? "";
    await started.text();
    expect(id).toHaveLength(46);
    return id;
  }
  const made =
    kind === "share"
      ? await ann.send("POST", "/api/shares", { conversationId: conversation })
      : await ann.send("POST", "/api/keys", { name: "fresh" });
  expect(made.status).toBe(201);
  return ((await made.json()) as { id: string }).id;
}

type Column = Requester | "accessCode";

function credentials(who: Column): Record<string, string> {
  if (who === "user" || who === "otherUser" || who === "admin") return { cookie: sessions[who] };
  if (who === "apiKey") return { authorization: `Bearer ${keys.live}` };
  if (who === "revokedKey") return { authorization: `Bearer ${keys.revoked}` };
  if (who === "accessCode") return { cookie: `access_code=${issueAccessToken(ACCESS)}` };
  return {};
}

/** What the cell got, or undefined when it is what the table says. */
async function cell(name: string, row: Row, who: Column, expected: Outcome): Promise<string | undefined> {
  const [method = "GET"] = name.split(" ");
  const resources: Resources = { ...base, unique: newId("c") };
  if (row.fresh) resources[row.fresh] = await freshOf(row.fresh, base.conversation);
  const body = row.body?.(resources);
  const path = row.path(resources);
  const response = await fetch(`${app.url}${path}`, {
    method,
    redirect: "manual",
    headers: {
      ...(method === "GET" ? {} : { origin: app.url }),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...row.headers,
      ...credentials(who),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const [status, detail] = typeof expected === "number" ? [expected, undefined] : expected;
  const got = `${who}: ${name} (${path}) answered ${response.status} ${text.slice(0, 160)}`;
  if (response.status !== status) return `${got}; expected ${status}`;
  if (detail?.startsWith("/")) {
    const location = new URL(response.headers.get("location") ?? "", app.url);
    const at = `${location.pathname}${location.search}`;
    const fits = detail.endsWith("*") ? at.startsWith(detail.slice(0, -1)) : at === detail;
    return fits ? undefined : `${got}; expected Location ${detail}, got ${at}`;
  }
  const error = text.startsWith("{")
    ? (JSON.parse(text) as { error?: { code?: string; message?: string } }).error
    : undefined;
  if (detail && error?.code !== detail) return `${got}; expected code ${detail}`;
  // A revoked key is told so, where the key is read at all.
  if (
    who === "revokedKey" &&
    status === 401 &&
    !path.startsWith("/api/auth/") &&
    !/revoked/.test(error?.message ?? "")
  ) {
    return `${got}; expected a message saying the key was revoked`;
  }
  return undefined;
}

describe("the authorization matrix", () => {
  it("classifies every route file's every method and every page", () => {
    const unclassified: string[] = [];
    const served = new Set<string>();
    for (const file of servedFiles()) {
      if (file.path === "/api/auth/[...all]") continue;
      for (const method of file.methods) {
        const name = `${method} ${file.path}`;
        served.add(name);
        if (!(name in PAGES) && !(name in API)) unclassified.push(`${name} (${file.file})`);
      }
    }
    expect(
      unclassified,
      "Classify these in e2e/integration/authorization-table.ts: what each requester gets",
    ).toEqual([]);
    const stale = [...Object.keys(PAGES), ...Object.keys(API)].filter((name) => !served.has(name));
    expect(stale, "Rows for routes the app no longer serves").toEqual([]);
  });

  it("classifies Better Auth's catch-all by every path the app uses, with methods it exports", () => {
    const [catchAll] = servedFiles().filter((file) => file.path === "/api/auth/[...all]");
    expect(catchAll?.methods).toEqual(["GET", "POST"]);
    const templates = Object.keys(BETTER_AUTH).map((name) => name.split(" ")[1] ?? "");
    const covers = (used: string) =>
      templates.some((template) => {
        const pattern = new RegExp(`^${template.replace(/\[[^\]]+\]/g, "[^/]+")}$`);
        return pattern.test(used) || template.startsWith(`${used}/`);
      });
    expect(
      betterAuthPathsInUse().filter((used) => !covers(used)),
      "Classify these Better Auth paths",
    ).toEqual([]);
    for (const name of Object.keys(BETTER_AUTH)) expect(catchAll?.methods).toContain(name.split(" ")[0]);
  });

  it("answers every cell as the table says", { timeout: 300_000 }, async () => {
    const mismatches: string[] = [];
    for (const [name, row] of Object.entries(ROWS)) {
      const columns: [Column, Outcome][] = [
        ...REQUESTERS.map((who): [Column, Outcome] => [who, row.expect[who]]),
        ["accessCode", row.expect.signedOut],
      ];
      const results = await Promise.all(columns.map(([who, expected]) => cell(name, row, who, expected)));
      mismatches.push(...results.filter((result): result is string => result !== undefined));
      if (row.endsSessions) await signInAll();
    }
    expect(mismatches).toEqual([]);
  });
});
