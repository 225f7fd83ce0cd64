import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { AuditPage } from "../../lib/admin/audit-entry";
import type { UsageReport } from "../../lib/admin/usage-figures";
import { type AppServer, startApp } from "../../lib/testing/app-server";
import { HistoryClient, newId } from "../../lib/testing/history-client";
import { readSse } from "../../lib/testing/sse-client";
import { TEST_ENV } from "./global-setup";

// The admin's APIs (PROTOCOL.md section 18) through the built app in accounts mode: the usage
// report's sums match the answers' own end stats, the approval is in the audit log with its
// before and after, a member gets 403 not_admin from both, and out-of-range parameters 400.

const upstream = inject("upstreamUrl");
const PASSWORD = "correct horse battery";
let app: AppServer;
/** The admin: the first account made from this machine. */
let ann: Person;

beforeAll(async () => {
  app = await startApp({
    ...TEST_ENV,
    DEEPSEEK_BASE_URL: upstream,
    AUTH_SECRET: "admin-test-secret-0123456789abcdef",
    RATE_LIMIT_PER_MIN: "0",
  });
  ann = await person("ann");
}, 180_000);
afterAll(async () => {
  await app?.close();
});

async function auth(path: string, body: unknown): Promise<Response> {
  return fetch(`${app.url}/api/auth${path}`, {
    method: "POST",
    headers: { origin: app.url, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** Signs a new person up and in. */
interface Person {
  email: string;
  client: HistoryClient;
  id: string;
}

async function person(name: string): Promise<Person> {
  const email = `${name}-${newId("m")}@example.com`;
  expect((await auth("/sign-up/email", { name, email, password: PASSWORD })).status).toBe(200);
  const signedIn = await auth("/sign-in/email", { email, password: PASSWORD });
  const cookie = signedIn.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  const client = new HistoryClient(app.url, { cookie, origin: app.url });
  const id = ((await signedIn.json()) as { user: { id: string } }).user.id;
  return { email, client, id };
}

/** Asks one question in a new conversation; the answer's end stats. */
async function ask(client: HistoryClient): Promise<{ total: number; usd: number }> {
  const response = await client.chat(client.firstTurn(`how much? ${newId("m")}`));
  expect(response.status).toBe(200);
  const end = (await readSse(response)).events.at(-1);
  if (end?.event !== "end") throw new Error(`the answer did not end: ${end?.event}`);
  return { total: end.data.stats.tokens.total, usd: end.data.stats.cost?.usd ?? 0 };
}

describe("the admin's APIs", () => {
  it("report what each person's answers used, log the approval, and refuse a member", async () => {
    const bob = await person("bob");
    const approved = await ann.client.send("PATCH", `/api/people/${bob.id}`, { status: "active" });
    expect(approved.status).toBe(200);

    for (const path of ["/api/admin/usage", "/api/admin/audit"]) {
      const refused = await bob.client.send("GET", path);
      expect(refused.status, path).toBe(403);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("not_admin");
    }

    const audit = (await (await ann.client.send("GET", "/api/admin/audit")).json()) as AuditPage;
    expect(audit.entries[0]).toMatchObject({
      action: "account",
      actor: { id: ann.id, name: "ann", email: ann.email },
      target: { id: bob.id, name: "bob", email: bob.email },
      before: { status: "pending", role: "user" },
      after: { status: "active", role: "user" },
    });
    expect(audit.next).toBeNull();

    const answers = { ann: [await ask(ann.client)], bob: [await ask(bob.client), await ask(bob.client)] };
    const sum = (list: { total: number }[]) => list.reduce((total, answer) => total + answer.total, 0);
    const response = await ann.client.send("GET", "/api/admin/usage?days=7");
    expect(response.status).toBe(200);
    const report = (await response.json()) as UsageReport;
    expect(report.days).toBe(7);
    const byEmail = new Map(report.people.map((entry) => [entry.email, entry]));
    expect(byEmail.get(bob.email)).toMatchObject({ answers: 2, totalTokens: sum(answers.bob) });
    expect(byEmail.get(ann.email)).toMatchObject({ answers: 1, totalTokens: sum(answers.ann) });
    expect(report.total.totalTokens).toBe(sum(answers.ann) + sum(answers.bob));
    expect(report.daily.filter((row) => row.userId === bob.id).map((row) => row.answers)).toEqual([2]);
    const usd = [...answers.ann, ...answers.bob].reduce((total, answer) => total + answer.usd, 0);
    // The scripted upstream answers as deepseek-chat, which has a price.
    expect(usd).toBeGreaterThan(0);
    expect(report.total.costUsd).toBeCloseTo(usd, 9);
    expect(report.total.unpricedAnswers).toBe(0);
  });

  it("refuses a period out of range and a cursor it did not make", async () => {
    for (const days of ["0", "91", "7.5", "x"]) {
      expect((await ann.client.send("GET", `/api/admin/usage?days=${days}`)).status, days).toBe(400);
    }
    expect((await ann.client.send("GET", "/api/admin/audit?before=nonsense")).status).toBe(400);
  });
});
