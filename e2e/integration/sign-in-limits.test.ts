import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppServer, startApp } from "../../lib/testing/app-server";
import { type RawResponse, rawRequest } from "../support/raw-http";
import { TEST_ENV } from "./global-setup";

// Who a client is, when nothing stands in front of the app (TRUST_PROXY unset): the address of its
// socket, whatever X-Forwarded-For it writes. Each client here is a real socket from its own
// loopback address (127.0.0.2, 127.0.0.3, …), and the app runs as `npm start` runs it.
//
// The limits: RATE_LIMIT_PER_MIN=3 sign-in attempts per client, and ten clients' worth of wrong
// codes (30 a minute) across the whole server, which a client that has signed in before skips.

const CODE = "sign-in-limits-code";
const PER_CLIENT = 3;
const upstream = inject("upstreamUrl");

let app: AppServer;

beforeAll(async () => {
  app = await startApp({
    ...TEST_ENV,
    DEEPSEEK_BASE_URL: upstream,
    ACCESS_CODE: CODE,
    RATE_LIMIT_PER_MIN: String(PER_CLIENT),
  });
});
afterAll(async () => {
  await app?.close();
});

function login(from: string, code: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return rawRequest(app.url, {
    method: "POST",
    path: "/api/login",
    localAddress: from,
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ code }),
  });
}

let forgedCount = 0;
/** A new address in TEST-NET-3 for every request: what a guesser would write to get fresh buckets. */
const forged = () => ({ "x-forwarded-for": `203.0.113.${++forgedCount % 250}` });

const SERVER_WIDE = /^Too many wrong access codes on this server: try again in \d+ s\.$/;

function errorMessage(response: RawResponse): string {
  return (JSON.parse(response.body) as { error: { message: string } }).error.message;
}

describe("sign-in limits on real sockets", () => {
  it("counts a client by its socket: a forged X-Forwarded-For gets no fresh bucket", async () => {
    const me = "127.0.0.2";
    for (let i = 0; i < PER_CLIENT; i++) expect((await login(me, `guess-${i}`)).status).toBe(401);
    expect((await login(me, "guess-x")).status).toBe(429);
    const statuses = new Set<number>();
    for (let i = 0; i < 40; i++) statuses.add((await login(me, `forged-${i}`, forged())).status);
    expect([...statuses]).toEqual([429]);
    // The right code with a forged address does not sign in either, and nor does a Bearer guess.
    const right = await login(me, CODE, forged());
    expect(right.status).toBe(429);
    expect(right.headers["set-cookie"]).toBeUndefined();
    const bearer = await rawRequest(app.url, {
      path: "/api/tools",
      localAddress: me,
      headers: { authorization: `Bearer ${CODE}`, ...forged() },
    });
    expect(bearer.status).toBe(429);
  });

  it("gives two real sockets separate buckets", async () => {
    const other = "127.0.0.3";
    expect((await login(other, "guess")).status).toBe(401);
    const right = await login(other, CODE);
    expect(right.status).toBe(200);
    expect(right.headers["set-cookie"]?.[0]).toMatch(/^access_code=/);
  });

  it("caps wrong codes across the server, but not for a client that signed in before", async () => {
    // Wrong codes from ever new clients, each within its own limit, until the server says stop.
    let stopped: RawResponse | undefined;
    for (let host = 10; host < 60 && !stopped; host++) {
      for (let i = 0; i < PER_CLIENT && !stopped; i++) {
        const response = await login(`127.0.0.${host}`, `distributed-${host}-${i}`);
        if (response.status === 429) stopped = response;
        else expect(response.status).toBe(401);
      }
    }
    expect(stopped, "the server never refused").toBeDefined();
    expect(errorMessage(stopped as RawResponse)).toMatch(SERVER_WIDE);

    // A new client now waits, even with the right code: its guess is not checked at all…
    const fresh = await login("127.0.0.99", CODE);
    expect(fresh.status).toBe(429);
    expect(errorMessage(fresh)).toMatch(SERVER_WIDE);
    expect(Number(fresh.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    // …while the owner, who signed in from this address before, is not locked out.
    const owner = await login("127.0.0.3", CODE);
    expect(owner.status).toBe(200);
  });
});
