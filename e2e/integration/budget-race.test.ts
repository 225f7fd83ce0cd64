import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppServer, startApp } from "../../lib/testing/app-server";
import { newId } from "../../lib/testing/history-client";
import {
  type PostgresServer,
  postgresUnavailable,
  startPostgresServer,
} from "../../lib/testing/postgres-server";
import { TEST_ENV } from "./global-setup";

// The budget race (PROTOCOL.md section 17) through the built app: twenty answers asked at once at
// the edge of a person's daily token budget, half from the browser naming a conversation, half
// from an API key naming none, with the rate limit off; on one instance, then on two sharing one
// PostgreSQL. Every refusal is the documented 429, and what the ledger settles stays within the
// stated bound: the limit plus USER_MAX_CONCURRENT answers.

const upstream = inject("upstreamUrl");
const PASSWORD = "correct horse battery";
const MAX_CONCURRENT = 3;
const BURST = 20;
const run = newId("m");
const emails = { ann: `ann-${run}@example.com`, bob: `bob-${run}@example.com` };
// Slow enough that the twenty answers overlap.
const SLOW = '[[scenario:{"name":"slow","delayMs":30}]]';

interface Person {
  id: string;
  cookie: string;
  key: string;
}

interface Budget {
  tokens_per_day: { limit: number | null; spent: number; held: number; left: number | null };
  running: number;
}

let server: PostgresServer;
let apps: AppServer[] = [];
const people: Partial<Record<keyof typeof emails, Person>> = {};

function send(app: AppServer, method: string, path: string, body: unknown, headers: Record<string, string>) {
  return fetch(`${app.url}${path}`, {
    method,
    headers: { origin: app.url, "content-type": "application/json", ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function signUp(app: AppServer, name: string, email: string): Promise<Person> {
  expect(
    (await send(app, "POST", "/api/auth/sign-up/email", { name, email, password: PASSWORD }, {})).status,
  ).toBe(200);
  const signedIn = await send(app, "POST", "/api/auth/sign-in/email", { email, password: PASSWORD }, {});
  expect(signedIn.status).toBe(200);
  const cookie = signedIn.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  const account = (await (await send(app, "GET", "/api/account", undefined, { cookie })).json()) as {
    id: string;
  };
  const created = await send(app, "POST", "/api/keys", { name: "script" }, { cookie });
  expect(created.status).toBe(201);
  const { key } = (await created.json()) as { key: string };
  return { id: account.id, cookie, key };
}

async function budgetOf(app: AppServer, person: Person): Promise<Budget> {
  const response = await send(app, "GET", "/api/account/budget", undefined, { cookie: person.cookie });
  expect(response.status).toBe(200);
  return (await response.json()) as Budget;
}

/** One answer, read to its end: `stored` names a new conversation (the browser), else a key asks. */
async function ask(app: AppServer, person: Person, stored: boolean) {
  const content = `budget race ${newId("m")} ${SLOW}`;
  const body = stored
    ? {
        conversation: {
          id: newId("c"),
          parent_id: null,
          message: { id: newId("m"), content },
          answer_id: newId("m"),
        },
        thinking: false,
      }
    : { messages: [{ role: "user", content }], thinking: false };
  const credentials: Record<string, string> = stored
    ? { cookie: person.cookie }
    : { authorization: `Bearer ${person.key}` };
  const response = await send(app, "POST", "/api/chat", body, credentials);
  const text = await response.text();
  return { status: response.status, retryAfter: response.headers.get("retry-after"), text };
}

/** What one answer of each kind settles to, on an unlimited budget. */
async function answerCost(app: AppServer, person: Person): Promise<number> {
  let most = 0;
  for (const stored of [false, true]) {
    const before = (await budgetOf(app, person)).tokens_per_day.spent;
    expect((await ask(app, person, stored)).status).toBe(200);
    most = Math.max(most, (await budgetOf(app, person)).tokens_per_day.spent - before);
  }
  expect(most).toBeGreaterThan(0);
  return most;
}

/**
 * Sets the person's own limit `edge` tokens past what they spent, asks twenty answers at once
 * (alternately on each app, alternately stored and by key), and reports what settled.
 */
async function race(targets: AppServer[], person: Person, edge: number) {
  const [first] = targets;
  if (!first) throw new Error("no app");
  const spentBefore = (await budgetOf(first, person)).tokens_per_day.spent;
  const limit = spentBefore + edge;
  const set = await send(
    first,
    "PUT",
    `/api/people/${person.id}/budget`,
    { tokens_per_day: limit },
    { cookie: person.cookie },
  );
  expect(set.status).toBe(200);
  const answers = await Promise.all(
    Array.from({ length: BURST }, (_, i) => ask(targets[i % targets.length] ?? first, person, i % 2 === 0)),
  );
  const after = await budgetOf(first, person);
  return { limit, answers, after, spentBefore };
}

function check(outcome: Awaited<ReturnType<typeof race>>, cost: number, label: string) {
  const { limit, answers, after, spentBefore } = outcome;
  const refusals = answers.filter((answer) => answer.status !== 200);
  for (const refusal of refusals) {
    expect(refusal.status).toBe(429);
    const { error } = JSON.parse(refusal.text) as {
      error: { code: string; resets_at?: string; left?: number };
    };
    expect(["quota_exceeded", "too_many_answers"]).toContain(error.code);
    expect(Number(refusal.retryAfter)).toBeGreaterThan(0);
    if (error.code === "quota_exceeded") {
      expect(Date.parse(error.resets_at ?? "")).toBeGreaterThan(Date.now());
      expect(error.left).toBe(0);
    }
  }
  const answered = answers.length - refusals.length;
  const codes = refusals.map(
    (refusal) => (JSON.parse(refusal.text) as { error: { code: string } }).error.code,
  );
  const settled = after.tokens_per_day.spent;
  const bound = limit + MAX_CONCURRENT * cost;
  console.log(
    `[budget race, ${label}] limit ${limit} (spent before ${spentBefore}, edge ${limit - spentBefore}), ` +
      `settled ${settled} (${settled - limit >= 0 ? "+" : ""}${settled - limit}), bound ${bound} ` +
      `(limit + ${MAX_CONCURRENT} × ${cost}); answered ${answered}, refused ${refusals.length} ` +
      `(quota_exceeded ${codes.filter((c) => c === "quota_exceeded").length}, too_many_answers ` +
      `${codes.filter((c) => c === "too_many_answers").length})`,
  );
  // Someone with budget left could ask, and the edge was reached.
  expect(answered).toBeGreaterThan(0);
  expect(codes).toContain("quota_exceeded");
  expect(settled).toBeLessThanOrEqual(bound);
  // Settled: every hold released, nothing running.
  expect(after.tokens_per_day.held).toBe(0);
  expect(after.running).toBe(0);
}

describe.skipIf(postgresUnavailable() !== undefined)("the budget race", { timeout: 180_000 }, () => {
  beforeAll(async () => {
    server = await startPostgresServer();
    const env = {
      ...TEST_ENV,
      DEEPSEEK_BASE_URL: upstream,
      DATABASE_URL: await server.createDatabase(),
      AUTH_SECRET: "budget-race-secret-0123456789abcdef",
      ADMIN_EMAILS: `${emails.ann}, ${emails.bob}`,
      // The rate limit out of the way: the budget alone decides.
      RATE_LIMIT_PER_MIN: "0",
      USER_MAX_CONCURRENT: String(MAX_CONCURRENT),
    };
    apps = await Promise.all([startApp(env), startApp(env)]);
    const [one] = apps;
    if (!one) throw new Error("no app");
    people.ann = await signUp(one, "ann", emails.ann);
    people.bob = await signUp(one, "bob", emails.bob);
  }, 180_000);
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await server?.close();
  });

  it("on one instance: every refusal is a documented 429, and the settled total is within the bound", async () => {
    const [one] = apps;
    const ann = people.ann;
    if (!one || !ann) throw new Error("not set up");
    const cost = await answerCost(one, ann);
    // Less than one answer left: the first to ask holds it all, and finishes past the limit.
    check(await race([one], ann, Math.ceil(cost / 2)), cost, "one instance");
  });

  it("on two instances sharing PostgreSQL: the same", async () => {
    const bob = people.bob;
    if (apps.length < 2 || !bob) throw new Error("not set up");
    const [one] = apps;
    if (!one) throw new Error("not set up");
    const cost = await answerCost(one, bob);
    // Room for one estimate and a little more: two answers start, on either instance, and the rest wait.
    check(await race(apps, bob, Math.ceil(cost * 1.5)), cost, "two instances");
  });
});
