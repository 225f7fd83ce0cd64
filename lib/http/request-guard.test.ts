import { describe, expect, it } from "vitest";
import { cookieToken } from "./access-code";
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
    const open = { RATE_LIMIT_PER_MIN: "0" };
    expect(await status(request("/"), undefined, open)).toBe("pass");
    expect(await status(request("/api/chat", { method: "POST" }), undefined, open)).toBe("pass");
    const foreign = request("/api/chat", { method: "POST", headers: { origin: "https://evil.example" } });
    expect(await status(foreign, undefined, open)).toBe(403);
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

  it("does not take a cookie signed with another code", async () => {
    const stale = { cookie: `access_code=${cookieToken("old-code")}` };
    expect(await status(request("/api/tools", { headers: stale }))).toBe(401);
    const fresh = { cookie: `access_code=${cookieToken("code")}` };
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
