import { describe, expect, inject, it } from "vitest";
import { nonce, readSse } from "../../lib/testing/sse-client";
import { GUARDED_ACCESS_CODE, GUARDED_CORS_ORIGIN, GUARDED_RATE_LIMIT_PER_MIN } from "./global-setup";

// The access rules (lib/http/request-guard.ts, README "Security") against the built app: the guarded instance has ACCESS_CODE,
// RATE_LIMIT_PER_MIN=3, CORS_ORIGINS and TRUST_PROXY=1, so each test can pose as clients of its
// own through X-Forwarded-For and never spends another test's buckets.

const guarded = inject("guardedAppUrl");
const app = inject("appUrl");
const EVIL = "https://evil.example";

let lastClient = 0;
/** A fresh client address (TEST-NET-2), hence fresh rate-limit buckets. */
function client(): string {
  lastClient++;
  return `198.51.100.${lastClient}`;
}

function as(address: string, headers: Record<string, string> = {}): Record<string, string> {
  return { "x-forwarded-for": address, ...headers };
}

const bearer = { authorization: `Bearer ${GUARDED_ACCESS_CODE}` };
const json = { "content-type": "application/json" };

function ask(base: string, headers: Record<string, string>, prompt = `hi ${nonce()}`) {
  return fetch(`${base}/api/chat`, {
    method: "POST",
    headers: { ...json, ...headers },
    body: JSON.stringify({ prompt, stream: false }),
  });
}

function login(code: string, headers: Record<string, string>) {
  return fetch(`${guarded}/api/login`, {
    method: "POST",
    headers: { ...json, ...headers },
    body: JSON.stringify({ code }),
  });
}

/** Signs in as `address` and returns the Cookie header the browser would send. */
async function signedIn(address: string): Promise<string> {
  const response = await login(GUARDED_ACCESS_CODE, as(address));
  expect(response.status).toBe(200);
  const cookie = response.headers.get("set-cookie") ?? "";
  return cookie.split(";")[0] ?? "";
}

function corsHeaderNames(response: Response): string[] {
  return [...response.headers.keys()].filter((name) => name.startsWith("access-control-"));
}

const UNAUTHORIZED = {
  error: {
    code: "unauthorized",
    message:
      "This server needs its access code: send Authorization: Bearer <ACCESS_CODE>, or sign in at /login.",
  },
};
const WRONG_CODE = { error: { code: "unauthorized", message: "The access code is not right." } };
const FORBIDDEN_ORIGIN = {
  error: {
    code: "forbidden_origin",
    message:
      "Requests from other sites are refused: this server answers its own pages and the origins listed in CORS_ORIGINS.",
  },
};

describe("ACCESS_CODE on the API", () => {
  it("answers 401 JSON with WWW-Authenticate to every API route without the code", async () => {
    const requests: [string, RequestInit][] = [
      ["/api/chat", { method: "POST", headers: json, body: JSON.stringify({ prompt: "hi" }) }],
      ["/api/chat?prompt=hi", {}],
      ["/api/tools", {}],
      ["/api/mcp", { method: "POST", headers: json, body: "{}" }],
    ];
    for (const [path, init] of requests) {
      const response = await fetch(`${guarded}${path}`, init);
      expect(response.status, path).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe('Bearer realm="deepseek-chat"');
      expect(response.headers.get("content-type")).toBe("application/json");
      expect(await response.json()).toEqual(UNAUTHORIZED);
    }
  });

  it("lets a Bearer code through, and refuses a wrong one", async () => {
    const me = client();
    const tools = await fetch(`${guarded}/api/tools`, { headers: as(me, bearer) });
    expect(tools.status).toBe(200);
    expect(((await tools.json()) as { servers: unknown[] }).servers.length).toBeGreaterThan(0);

    const answer = await ask(guarded, as(me, bearer));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ content: expect.any(String), finish_reason: "stop" });

    const wrong = await fetch(`${guarded}/api/tools`, { headers: as(me, { authorization: "Bearer nope" }) });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual(WRONG_CODE);
  });

  it("guards a resumable answer's re-attach and DELETE like the rest: the id alone is not enough", async () => {
    const me = client();
    const started = await fetch(`${guarded}/api/chat`, {
      method: "POST",
      headers: as(me, { ...json, ...bearer }),
      body: JSON.stringify({ prompt: `[[scenario:slow]] ${nonce()}`, resumable: true }),
    });
    const id = started.headers.get("x-stream-id") ?? "";
    expect(id).not.toBe("");
    await started.body?.cancel();
    for (const method of ["GET", "DELETE"]) {
      const refused = await fetch(`${guarded}/api/chat/${id}`, { method, headers: as(me) });
      expect(refused.status).toBe(401);
    }
    const foreign = await fetch(`${guarded}/api/chat/${id}`, {
      method: "DELETE",
      headers: as(me, { ...bearer, origin: EVIL }),
    });
    expect(foreign.status).toBe(403);
    const stopped = await fetch(`${guarded}/api/chat/${id}`, { method: "DELETE", headers: as(me, bearer) });
    expect(stopped.status).toBe(202);
  });

  it("leaves the open app open", async () => {
    expect((await fetch(`${app}/api/tools`)).status).toBe(200);
    const home = await fetch(`${app}/`, { redirect: "manual" });
    expect(home.status).toBe(200);
    // Nothing to sign in to: /login goes straight on.
    const page = await fetch(`${app}/login?next=%2F%3Fa%3D1`, { redirect: "manual" });
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toBe("/?a=1");
    const signIn = await fetch(`${app}/api/login`, { method: "POST", headers: json, body: '{"code":"any"}' });
    expect(signIn.status).toBe(200);
    expect(await signIn.json()).toEqual({ ok: true, required: false });
    expect(signIn.headers.get("set-cookie")).toBeNull();
  });
});

describe("pages and the login page", () => {
  it("redirects signed-out pages to /login with the path to come back to", async () => {
    for (const [path, next] of [
      ["/", "%2F"],
      ["/?q=600519&x=1", "%2F%3Fq%3D600519%26x%3D1"],
      ["/somewhere/else", "%2Fsomewhere%2Felse"],
    ]) {
      const response = await fetch(`${guarded}${path}`, { redirect: "manual" });
      expect(response.status, path).toBe(307);
      expect(response.headers.get("location")).toBe(`/login?next=${next}`);
    }
  });

  it("serves /login, the icon and the build's assets signed out", async () => {
    const page = await fetch(`${guarded}/login?next=%2F`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('data-testid="login-form"');
    expect(html).toContain('type="password"');
    expect((await fetch(`${guarded}/icon.svg`)).status).toBe(200);
    const script = html.match(/src="(\/_next\/static\/[^"]+\.js)"/)?.[1];
    expect(script).toBeDefined();
    expect((await fetch(`${guarded}${script}`)).status).toBe(200);
  });

  it("gives the login page a nonce CSP, and its scripts the nonce, though the proxy lets it through", async () => {
    const page = await fetch(`${guarded}/login?next=%2F`);
    const csp = page.headers.get("content-security-policy") ?? "";
    const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'(;|$)/.exec(csp)?.[1];
    expect(nonce, csp).toBeDefined();
    const scripts = (await page.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(1);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    // The redirect of a signed-out page and the 401 of the API carry the inert policy.
    const redirect = await fetch(`${guarded}/`, { redirect: "manual" });
    expect(redirect.headers.get("content-security-policy")).toMatch(/^default-src 'none'/);
    const refused = await fetch(`${guarded}/api/tools`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get("content-security-policy")).toMatch(/^default-src 'none'/);
  });

  it("refuses a wrong code with 401 and no cookie", async () => {
    const response = await login("not-the-code", as(client()));
    expect(response.status).toBe(401);
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(await response.json()).toEqual(WRONG_CODE);
  });

  it("refuses a body without a code (400) or not JSON (415)", async () => {
    const me = client();
    const empty = await fetch(`${guarded}/api/login`, { method: "POST", headers: as(me, json), body: "{}" });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: { code: string } }).error.code).toBe("invalid_request");
    const form = await fetch(`${guarded}/api/login`, {
      method: "POST",
      headers: as(me, { "content-type": "application/x-www-form-urlencoded" }),
      body: "code=x",
    });
    expect(form.status).toBe(415);
  });

  it("sets an HttpOnly, Lax, 30-day cookie that is signed with its expiry and holds no code", async () => {
    const response = await login(GUARDED_ACCESS_CODE, as(client()));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    // The sign-in also gives the browser its owner key (PROTOCOL.md section 10): a cookie of its own.
    const accessCookieOf = (r: Response) =>
      r.headers.getSetCookie().find((line) => line.startsWith("access_code=")) ?? "";
    const cookie = accessCookieOf(response);
    expect(cookie).toMatch(
      /^access_code=[0-9a-z]+\.[\w-]{22}\.[\w-]{43}; Path=\/; Max-Age=2592000; HttpOnly; SameSite=Lax$/,
    );
    expect(cookie).not.toContain(GUARDED_ACCESS_CODE);
    // It says when it ends: 30 days from now, in seconds since the epoch (base 36).
    const expires = Number.parseInt(/^access_code=([0-9a-z]+)\./.exec(cookie)?.[1] ?? "", 36);
    expect(Math.abs(expires - (Date.now() / 1000 + 2_592_000))).toBeLessThan(120);

    // Behind a TLS-terminating proxy the cookie is Secure.
    const https = await login(GUARDED_ACCESS_CODE, as(client(), { "x-forwarded-proto": "https" }));
    expect(accessCookieOf(https)).toMatch(/; SameSite=Lax; Secure$/);
  });

  it("gives every sign-in a cookie of its own, and refuses one whose expiry was changed", async () => {
    const me = client();
    const first = await signedIn(me);
    const second = await signedIn(me);
    expect(first).not.toBe(second);
    for (const cookie of [first, second]) {
      expect((await fetch(`${guarded}/api/tools`, { headers: as(me, { cookie }) })).status).toBe(200);
    }
    // A year more, by hand: the signature no longer matches.
    const [name, value] = first.split("=") as [string, string];
    const [expires, ...rest] = value.split(".");
    const extended = `${name}=${[(Number.parseInt(expires ?? "", 36) + 31_536_000).toString(36), ...rest].join(".")}`;
    expect((await fetch(`${guarded}/api/tools`, { headers: as(me, { cookie: extended }) })).status).toBe(401);
  });

  it("lets the cookie through to pages and the API; the raw code as a cookie is no key", async () => {
    const me = client();
    const cookie = await signedIn(me);
    const home = await fetch(`${guarded}/`, { headers: as(me, { cookie }), redirect: "manual" });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("composer-input");
    expect((await fetch(`${guarded}/api/tools`, { headers: as(me, { cookie }) })).status).toBe(200);
    const answer = await ask(guarded, as(me, { cookie }));
    expect(answer.status).toBe(200);

    const raw = await fetch(`${guarded}/api/tools`, {
      headers: as(me, { cookie: `access_code=${GUARDED_ACCESS_CODE}` }),
    });
    expect(raw.status).toBe(401);
  });

  it("streams the EventSource GET through the proxy with the cookie", async () => {
    const me = client();
    const cookie = await signedIn(me);
    const response = await fetch(`${guarded}/api/chat?prompt=${encodeURIComponent(`hi ${nonce()}`)}`, {
      headers: as(me, { cookie, "sec-fetch-site": "same-origin" }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const { events } = await readSse(response);
    expect(events[0]?.event).toBe("start");
    expect(events.at(-1)?.event).toBe("end");
    expect(events.at(-1)?.data).toMatchObject({ finish_reason: "stop" });
  });

  it("signs out with DELETE /api/login", async () => {
    const me = client();
    const logout = await fetch(`${guarded}/api/login`, { method: "DELETE", headers: as(me) });
    expect(logout.status).toBe(204);
    expect(logout.headers.get("set-cookie")).toBe("access_code=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
    expect((await fetch(`${guarded}/api/login`, { headers: as(me) })).status).toBe(405);
  });

  it("sends a signed-in reader on from /login, but only to a path on this site", async () => {
    const me = client();
    const cookie = await signedIn(me);
    const cases: [string, string][] = [
      ["/?a=1#b", "/?a=1#b"],
      ["//evil.example/x", "/"],
      ["https://evil.example", "/"],
      ["/\\evil.example", "/"],
      ["/\t/evil.example", "/"],
      ["/.//evil.example", "/"],
      ["javascript:alert(1)", "/"],
      ["/login?next=/x", "/"],
    ];
    for (const [next, location] of cases) {
      const response = await fetch(`${guarded}/login?next=${encodeURIComponent(next)}`, {
        headers: as(me, { cookie }),
        redirect: "manual",
      });
      expect(response.status, next).toBe(307);
      expect(response.headers.get("location"), next).toBe(location);
    }
    // Signed out, the page hands the form (its props, in the RSC payload) only the safe path.
    const page = await fetch(`${guarded}/login?next=${encodeURIComponent("//evil.example")}`);
    const html = await page.text();
    expect(html).toContain('\\"next\\":\\"/\\"');
    expect(html).not.toMatch(/\\"next\\":\\"[^"\\]*evil/);
  });
});

describe("other sites", () => {
  it("refuses a cross-origin POST with 403 and no CORS headers, even with the code", async () => {
    const response = await ask(guarded, as(client(), { ...bearer, origin: EVIL }));
    expect(response.status).toBe(403);
    expect(corsHeaderNames(response)).toEqual([]);
    expect(await response.json()).toEqual(FORBIDDEN_ORIGIN);
    // The open app too: nobody's browser may spend its budget from elsewhere.
    const open = await ask(app, { origin: EVIL });
    expect(open.status).toBe(403);
    expect(await open.json()).toEqual(FORBIDDEN_ORIGIN);
  });

  it("refuses cross-site logins and sign-outs (login CSRF)", async () => {
    expect((await login(GUARDED_ACCESS_CODE, as(client(), { origin: EVIL }))).status).toBe(403);
    const logout = await fetch(`${guarded}/api/login`, {
      method: "DELETE",
      headers: as(client(), { origin: EVIL }),
    });
    expect(logout.status).toBe(403);
  });

  it("refuses Sec-Fetch-Site: cross-site without an Origin, on POST and on the EventSource GET", async () => {
    const me = client();
    const post = await ask(guarded, as(me, { ...bearer, "sec-fetch-site": "cross-site" }));
    expect(post.status).toBe(403);
    const get = await fetch(`${guarded}/api/chat?prompt=hi`, {
      headers: as(me, { ...bearer, "sec-fetch-site": "cross-site" }),
    });
    expect(get.status).toBe(403);
    expect(await get.json()).toEqual(FORBIDDEN_ORIGIN);
  });

  it("lets through requests without an Origin and from its own origin", async () => {
    const me = client();
    expect((await ask(guarded, as(me, bearer))).status).toBe(200);
    const own = await ask(guarded, as(me, { ...bearer, origin: guarded, "sec-fetch-site": "same-origin" }));
    expect(own.status).toBe(200);
    expect(corsHeaderNames(own)).toEqual([]);
    // A GET that spends nothing is no one's concern.
    const tools = await fetch(`${guarded}/api/tools`, { headers: as(me, { ...bearer, origin: EVIL }) });
    expect(tools.status).toBe(200);
    expect(corsHeaderNames(tools)).toEqual([]);
  });

  it("answers an allowed origin's preflight, and nobody else's", async () => {
    const preflight = (origin: string) =>
      fetch(`${guarded}/api/chat`, {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type, authorization",
        },
      });
    const allowed = await preflight(GUARDED_CORS_ORIGIN);
    expect(allowed.status).toBe(204);
    expect(
      Object.fromEntries([...allowed.headers].filter(([name]) => /^(access-control-|vary)/.test(name))),
    ).toEqual({
      "access-control-allow-origin": GUARDED_CORS_ORIGIN,
      "access-control-allow-methods": "GET, POST, DELETE, OPTIONS",
      "access-control-allow-headers": "content-type, authorization, last-event-id",
      "access-control-expose-headers": "X-Stream-Id, X-Request-Id, Retry-After",
      "access-control-max-age": "7200",
      vary: "Origin",
    });
    expect(corsHeaderNames(await preflight(EVIL))).toEqual([]);
  });

  it("adds CORS headers to an allowed origin's API answers, errors included", async () => {
    const me = client();
    const answer = await ask(guarded, as(me, { ...bearer, origin: GUARDED_CORS_ORIGIN }));
    expect(answer.status).toBe(200);
    expect(answer.headers.get("access-control-allow-origin")).toBe(GUARDED_CORS_ORIGIN);
    expect(answer.headers.get("access-control-expose-headers")).toBe(
      "X-Stream-Id, X-Request-Id, Retry-After",
    );
    expect(answer.headers.get("vary")).toMatch(/\bOrigin\b/);
    expect(answer.headers.get("access-control-allow-credentials")).toBeNull();

    const denied = await ask(guarded, as(me, { origin: GUARDED_CORS_ORIGIN }));
    expect(denied.status).toBe(401);
    expect(denied.headers.get("access-control-allow-origin")).toBe(GUARDED_CORS_ORIGIN);
  });
});

describe("RATE_LIMIT_PER_MIN", () => {
  it("answers 429 with Retry-After once a client spent its minute, and keeps serving the others", async () => {
    const me = client();
    for (let i = 0; i < GUARDED_RATE_LIMIT_PER_MIN; i++) {
      expect((await ask(guarded, as(me, bearer))).status).toBe(200);
    }
    const limited = await ask(guarded, as(me, bearer));
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60 / GUARDED_RATE_LIMIT_PER_MIN);
    expect(await limited.json()).toEqual({
      error: { code: "rate_limited", message: `Too many requests: try again in ${retryAfter} s.` },
    });
    // The EventSource form is the same spending.
    expect((await fetch(`${guarded}/api/chat?prompt=hi`, { headers: as(me, bearer) })).status).toBe(429);

    // The server still answers: other clients, and this one where nothing is spent.
    expect((await ask(guarded, as(client(), bearer))).status).toBe(200);
    expect((await fetch(`${guarded}/api/tools`, { headers: as(me, bearer) })).status).toBe(200);
    expect((await fetch(`${guarded}/login`)).status).toBe(200);
  });

  it("counts /api/mcp calls too", async () => {
    const me = client();
    const call = () =>
      fetch(`${guarded}/api/mcp`, {
        method: "POST",
        headers: as(me, { ...bearer, ...json, accept: "application/json, text/event-stream" }),
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
      });
    for (let i = 0; i < GUARDED_RATE_LIMIT_PER_MIN; i++) expect((await call()).status).toBe(200);
    expect((await call()).status).toBe(429);
  });

  it("keys on the address the trusted proxy saw, not what the client wrote before it", async () => {
    const me = client();
    const forged = (i: number) => as(`10.9.8.${i}, ${me}`, bearer);
    for (let i = 0; i < GUARDED_RATE_LIMIT_PER_MIN; i++)
      expect((await ask(guarded, forged(i))).status).toBe(200);
    expect((await ask(guarded, forged(99))).status).toBe(429);
  });

  it("limits code guesses: wrong logins and wrong Bearer codes, then even the right one waits", async () => {
    const me = client();
    for (let i = 0; i < GUARDED_RATE_LIMIT_PER_MIN; i++)
      expect((await login(`guess-${i}`, as(me))).status).toBe(401);
    const blocked = await login(GUARDED_ACCESS_CODE, as(me));
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(blocked.headers.get("set-cookie")).toBeNull();

    const other = client();
    const guess = (code: string) =>
      fetch(`${guarded}/api/tools`, { headers: as(other, { authorization: `Bearer ${code}` }) });
    for (let i = 0; i < GUARDED_RATE_LIMIT_PER_MIN; i++) expect((await guess(`guess-${i}`)).status).toBe(401);
    expect((await guess("guess-x")).status).toBe(429);
    // The right code no longer stands out from the wrong ones…
    expect((await guess(GUARDED_ACCESS_CODE)).status).toBe(429);
    // …and a signed-in browser on another address is not affected.
    expect((await fetch(`${guarded}/api/tools`, { headers: as(client(), bearer) })).status).toBe(200);
  });
});
