import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppServer, startApp } from "../../lib/testing/app-server";
import { newId } from "../../lib/testing/history-client";
import { TEST_ENV } from "./global-setup";

// Accounts mode's limits through the built app (PROTOCOL.md sections 14 and 15): a household
// behind one address shares no bucket — each account has its own answers a minute, and its API
// key spends the same one as its browser — while what comes before sign-in counts per address.
// And SIGNUP=closed: only ADMIN_EMAILS may join. The app trusts X-Forwarded-For (TRUST_PROXY) so
// the test can be several addresses.

const upstream = inject("upstreamUrl");
const PASSWORD = "correct horse battery";
const PER_MINUTE = 2;
const run = newId("m");
const emails = { ann: `ann-${run}@example.com`, bob: `bob-${run}@example.com` };
const HOUSEHOLD = "203.0.113.7";
let app: AppServer;
const cookies = { ann: "", bob: "" };

beforeAll(async () => {
  app = await startApp({
    ...TEST_ENV,
    DEEPSEEK_BASE_URL: upstream,
    AUTH_SECRET: "accounts-limits-secret-0123456789abcdef",
    ADMIN_EMAILS: `${emails.ann}, ${emails.bob}`,
    SIGNUP: "closed",
    RATE_LIMIT_PER_MIN: String(PER_MINUTE),
    TRUST_PROXY: "1",
  });
  // Each person signs up and in from an address of their own: two password attempts each, all
  // their address's bucket holds.
  for (const [who, email] of Object.entries(emails) as [keyof typeof emails, string][]) {
    const from = who === "ann" ? "198.51.100.1" : "198.51.100.2";
    expect(
      (await post("/api/auth/sign-up/email", { name: who, email, password: PASSWORD }, from)).status,
    ).toBe(200);
    const signedIn = await post("/api/auth/sign-in/email", { email, password: PASSWORD }, from);
    expect(signedIn.status).toBe(200);
    cookies[who] = signedIn.headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .join("; ");
  }
}, 180_000);
afterAll(async () => {
  await app?.close();
});

function post(path: string, body: unknown, from: string, headers: Record<string, string> = {}) {
  return fetch(`${app.url}${path}`, {
    method: "POST",
    headers: { origin: app.url, "content-type": "application/json", "x-forwarded-for": from, ...headers },
    body: JSON.stringify(body),
  });
}

/** One plain answer (no conversation), as a browser or a script of the household would ask. */
async function ask(credentials: Record<string, string>): Promise<number> {
  const response = await post(
    "/api/chat",
    { messages: [{ role: "user", content: `hello ${newId("m")}` }], thinking: false },
    HOUSEHOLD,
    credentials,
  );
  await response.text();
  return response.status;
}

describe("accounts mode's limits", () => {
  it("gives each account of one address its own answers a minute, spent by its browser and its key alike", async () => {
    const created = await post("/api/keys", { name: "script" }, HOUSEHOLD, { cookie: cookies.ann });
    expect(created.status).toBe(201);
    const { key } = (await created.json()) as { key: string };

    const ann = [await ask({ cookie: cookies.ann }), await ask({ authorization: `Bearer ${key}` })];
    expect(ann).toEqual([200, 200]);
    // Ann's minute is spent, from her browser and from her script alike.
    expect(await ask({ cookie: cookies.ann })).toBe(429);
    expect(await ask({ authorization: `Bearer ${key}` })).toBe(429);
    // Bob, behind the same address, has all of his.
    const bob = [await ask({ cookie: cookies.bob }), await ask({ cookie: cookies.bob })];
    expect(bob).toEqual([200, 200]);
    expect(await ask({ cookie: cookies.bob })).toBe(429);
  });

  it("counts password attempts per address before sign-in, whoever they are for", async () => {
    const from = "198.51.100.3";
    const statuses: number[] = [];
    for (const email of [emails.ann, emails.bob, emails.ann]) {
      const response = await post("/api/auth/sign-in/email", { email, password: "not the password" }, from);
      statuses.push(response.status);
      await response.body?.cancel();
    }
    expect(statuses).toEqual([401, 401, 429]);
  });

  it("lets nobody but ADMIN_EMAILS join while sign-up is closed", async () => {
    const from = "198.51.100.4";
    const email = `carol-${run}@example.com`;
    const signUp = await post("/api/auth/sign-up/email", { name: "carol", email, password: PASSWORD }, from);
    expect(signUp.status).toBe(400);
    expect(await signUp.json()).toMatchObject({
      code: "SIGNUP_CLOSED",
      message: "Sign-up is closed on this server: ask its admin for an account.",
    });
    const signIn = await post("/api/auth/sign-in/email", { email, password: PASSWORD }, from);
    expect(signIn.status).toBe(401);
    expect(signIn.headers.getSetCookie()).toEqual([]);
  });
});
