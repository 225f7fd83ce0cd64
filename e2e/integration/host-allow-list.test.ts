import { describe, expect, inject, it } from "vitest";
import { nonce, upstreamRequests } from "../../lib/testing/sse-client";
import { rawRequest } from "../support/raw-http";

// DNS rebinding: a page on attacker.example whose name the attacker points at 127.0.0.1 is
// same-origin with itself, so without a Host check its scripts could drive an open install (no
// access code) and read every answer and tool result. The open app answers only the names it is
// known by: loopback, PUBLIC_URL's host and ALLOWED_HOSTS (global-setup.ts sets both).

const app = inject("appUrl");
const guarded = inject("guardedAppUrl");
const upstream = inject("upstreamUrl");
const port = new URL(app).port;

const get = (path: string, host: string, base = app) => rawRequest(base, { path, headers: { host } });

describe("the open mode's Host allow-list", () => {
  it("refuses a rebinding host on pages and the API, naming the setting to change", async () => {
    const host = `attacker.example:${port}`;
    const page = await get("/", host);
    expect(page.status).toBe(421);
    expect(page.body).toContain("ALLOWED_HOSTS");
    expect(page.headers["content-security-policy"]).toMatch(/^default-src 'none'/);

    const tools = await get("/api/tools", host);
    expect(tools.status).toBe(421);
    expect(JSON.parse(tools.body)).toEqual({
      error: {
        code: "unknown_host",
        message: expect.stringMatching(/attacker\.example.*ALLOWED_HOSTS.*PUBLIC_URL/),
      },
    });
  });

  it("never calls the model for a rebinding page's POST, though its Origin matches its Host", async () => {
    const marker = nonce();
    const origin = `http://attacker.example:${port}`;
    const response = await rawRequest(app, {
      method: "POST",
      path: "/api/chat",
      headers: {
        host: `attacker.example:${port}`,
        origin,
        "sec-fetch-site": "same-origin",
        "content-type": "application/json",
      },
      body: JSON.stringify({ prompt: `read my files ${marker}` }),
    });
    expect(response.status).toBe(421);
    expect(await upstreamRequests(upstream, marker)).toEqual([]);
  });

  it("answers the loopback names, PUBLIC_URL's host and ALLOWED_HOSTS", async () => {
    for (const host of [
      `localhost:${port}`,
      `127.0.0.1:${port}`,
      `[::1]:${port}`,
      "localhost",
      `chat.lan:${port}`,
      "192.168.1.20",
      "chat.example.org",
      "CHAT.EXAMPLE.ORG:443",
    ]) {
      const response = await get("/api/tools", host);
      expect(response.status, host).toBe(200);
    }
    expect((await get("/", `localhost:${port}`)).status).toBe(200);
  });

  it("leaves an install with an access code to its code: a foreign host is asked for it", async () => {
    const response = await get("/api/tools", `attacker.example:${new URL(guarded).port}`, guarded);
    expect(response.status).toBe(401);
  });
});
