import { describe, expect, it } from "vitest";
import { issueAccessToken } from "./access-code";
import { MemoryRateLimitStore } from "./rate-limit";
import { guardRequest } from "./request-guard";

// The proxy's decisions on plain Requests; e2e/integration/access.test.ts checks them through Next.

const BASE = "http://chat.example";
const env = { ACCESS_CODE: "code", RATE_LIMIT_PER_MIN: "2", CORS_ORIGINS: "https://ok.example" };

function request(path: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
  return new Request(`${BASE}${path}`, { ...init, headers: { host: "chat.example", ...init.headers } });
}

async function status(req: Request, store = new MemoryRateLimitStore(), e: Record<string, string> = env) {
  const verdict = await guardRequest(req, e, store);
  return verdict.response?.status ?? "pass";
}

describe("guardRequest", () => {
  it("passes everything when nothing is configured, except other sites' writes", async () => {
    const open = { RATE_LIMIT_PER_MIN: "0", ALLOWED_HOSTS: "chat.example" };
    expect(await status(request("/"), undefined, open)).toBe("pass");
    expect(await status(request("/api/chat", { method: "POST" }), undefined, open)).toBe("pass");
    const foreign = request("/api/chat", { method: "POST", headers: { origin: "https://evil.example" } });
    expect(await status(foreign, undefined, open)).toBe(403);
  });

  it("answers only known names in the open mode (421), and leaves that to the code otherwise", async () => {
    const open = { RATE_LIMIT_PER_MIN: "0" };
    const at = (host: string, path = "/api/tools") => request(path, { headers: { host } });
    expect(await status(at("localhost:3000"), undefined, open)).toBe("pass");
    expect(await status(at("127.0.0.1:3000"), undefined, open)).toBe("pass");
    const rebound = await guardRequest(at("attacker.example:3000"), open);
    expect(rebound.response?.status).toBe(421);
    expect(await rebound.response?.json()).toMatchObject({ error: { code: "unknown_host" } });
    const page = (await guardRequest(at("attacker.example:3000", "/"), open)).response;
    expect(page?.status).toBe(421);
    expect(page?.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await page?.text()).toContain("ALLOWED_HOSTS");
    // Without TRUST_PROXY a client-written X-Forwarded-Host is no way in.
    const forged = request("/api/tools", {
      headers: { host: "attacker.example", "x-forwarded-host": "localhost" },
    });
    expect(await status(forged, undefined, open)).toBe(421);
    // With an access code the attacker's page has no cookie for its own name: the code guards.
    expect(await status(at("attacker.example"))).toBe(401);
  });

  it("refuses GET /api/chat for anything but fetch, EventSource and programs", async () => {
    const auth = { authorization: "Bearer code", "sec-fetch-site": "same-origin" };
    const get = (headers: Record<string, string>) =>
      request("/api/chat?prompt=x", { headers: { ...auth, ...headers } });
    expect(await status(get({ "sec-fetch-dest": "image" }))).toBe(403);
    expect(await status(get({ "sec-fetch-dest": "document" }))).toBe(403);
    expect(await status(get({ "sec-fetch-dest": "empty" }))).toBe("pass");
    expect(await status(get({}))).toBe("pass");
    // Only the answer-starting GET: re-attaching and the tool list are reads.
    const read = request("/api/tools", { headers: { ...auth, "sec-fetch-dest": "document" } });
    expect(await status(read)).toBe("pass");
  });

  it("pauses sign-ins server-wide after ten clients' worth of wrong codes, but not for a known client", async () => {
    const store = new MemoryRateLimitStore();
    const from = (client: string, code: string) =>
      request("/api/tools", { headers: { authorization: `Bearer ${code}`, "x-forwarded-for": client } });
    const owner = "198.51.100.1";
    expect(await status(from(owner, "code"), store)).toBe("pass");
    // RATE_LIMIT_PER_MIN=2: 2 wrong codes each from 10 clients fill the server-wide bucket of 20.
    for (let i = 0; i < 10; i++) {
      expect(await status(from(`203.0.113.${i}`, "wrong"), store)).toBe(401);
      expect(await status(from(`203.0.113.${i}`, "wrong"), store)).toBe(401);
    }
    const fresh = (await guardRequest(from("203.0.113.200", "code"), env, store)).response;
    expect(fresh?.status).toBe(429);
    expect(await fresh?.json()).toMatchObject({
      error: { message: expect.stringMatching(/on this server/) },
    });
    expect(await status(from(owner, "code"), store)).toBe("pass");
  });

  it("counts re-attaching to an answer in a bucket of its own, four times the limit", async () => {
    const store = new MemoryRateLimitStore();
    const attach = () =>
      request("/api/chat/abcdefghijklmnop", {
        headers: { authorization: "Bearer code", "x-forwarded-for": "192.0.2.9" },
      });
    for (let i = 0; i < 8; i++) expect(await status(attach(), store)).toBe("pass");
    expect(await status(attach(), store)).toBe(429);
  });

  it("treats a same-site sibling, an opaque origin and a different port as other sites", async () => {
    const auth = { authorization: "Bearer code" };
    for (const origin of ["https://sub.chat.example", "null", "http://chat.example:8080"]) {
      expect(await status(request("/api/chat", { method: "POST", headers: { ...auth, origin } }))).toBe(403);
    }
    const sameSite = { ...auth, "sec-fetch-site": "same-site" };
    expect(await status(request("/api/chat?prompt=x", { headers: sameSite }))).toBe(403);
    // What a proxy forwarded counts as this site too; the default port is implied.
    const forwarded = { ...auth, host: "127.0.0.1:3000", "x-forwarded-host": "chat.example" };
    expect(
      await status(request("/api/chat", { method: "POST", headers: { ...forwarded, origin: BASE } })),
    ).toBe("pass");
    const port = { ...auth, host: "chat.example:443", origin: "https://chat.example" };
    expect(await status(request("/api/chat", { method: "POST", headers: port }))).toBe("pass");
  });

  it("decodes the path before deciding what it is", async () => {
    expect(await status(request("/%61pi/chat", { method: "POST" }))).toBe(401);
  });

  it("lets anyone read a share page without the code, and nothing else that looks like one", async () => {
    const link = "/s/AbCdEfGhIjKlMnOpQrStUv";
    expect(await status(request(link))).toBe("pass");
    expect(await status(request(link, { method: "HEAD" }))).toBe("pass");
    // Writes, longer paths, other characters, encoded slashes and dots: the code as everywhere else.
    expect(await status(request(link, { method: "POST" }))).toBe(307);
    for (const path of [
      "/s",
      "/s/",
      `${link}/more`,
      "/s/a.b",
      "/s/..%2Fapi%2Fconversations",
      "/s/%2e%2e",
      "/c/AbCdEfGhIjKlMnOpQrStUv",
      "/api/shares",
      "/api/s/AbCdEfGhIjKlMnOpQrStUv",
    ]) {
      expect([path, await status(request(path))]).toEqual([path, path.startsWith("/api") ? 401 : 307]);
    }
  });

  it("does not take a cookie signed with another code", async () => {
    const stale = { cookie: `access_code=${issueAccessToken({ ACCESS_CODE: "old-code" })}` };
    expect(await status(request("/api/tools", { headers: stale }))).toBe(401);
    const fresh = { cookie: `access_code=${issueAccessToken(env)}` };
    expect(await status(request("/api/tools", { headers: fresh }))).toBe("pass");
  });

  it("adds the allowed origin's CORS headers to its 429", async () => {
    const store = new MemoryRateLimitStore();
    const ask = () =>
      request("/api/chat", {
        method: "POST",
        headers: { authorization: "Bearer code", origin: "https://ok.example" },
      });
    expect(await guardRequest(ask(), env, store)).toEqual({
      headers: {
        "Access-Control-Allow-Origin": "https://ok.example",
        "Access-Control-Expose-Headers": "X-Stream-Id, X-Request-Id, Retry-After",
        Vary: "Origin",
      },
    });
    await guardRequest(ask(), env, store);
    const limited = (await guardRequest(ask(), env, store)).response;
    expect(limited?.status).toBe(429);
    expect(limited?.headers.get("retry-after")).toBe("30");
    expect(limited?.headers.get("access-control-allow-origin")).toBe("https://ok.example");
  });
});
