import { describe, expect, it } from "vitest";
import { hostName, isAllowedHost, requestedHost } from "./allowed-hosts";

describe("hostName", () => {
  it("drops the port, a trailing dot and case", () => {
    expect(hostName("Chat.Example.ORG.:443")).toBe("chat.example.org");
    expect(hostName("[::1]:3000")).toBe("[::1]");
    expect(hostName("localhost")).toBe("localhost");
  });
});

describe("isAllowedHost", () => {
  it("takes loopback names and 0.0.0.0 whatever is configured", () => {
    for (const host of ["localhost:3000", "127.0.0.1:3000", "[::1]:3000", "app.localhost", "0.0.0.0:3000"]) {
      expect(isAllowedHost(host, {}), host).toBe(true);
    }
    expect(isAllowedHost("attacker.example:3000", {})).toBe(false);
    expect(isAllowedHost("", {})).toBe(false);
  });

  it("adds PUBLIC_URL's host, the hosts of CORS_ORIGINS and ALLOWED_HOSTS", () => {
    const env = {
      PUBLIC_URL: "https://chat.example.org/",
      CORS_ORIGINS: "https://app.example.com, http://localhost:5173",
      ALLOWED_HOSTS: "192.168.1.20, nas.lan:3000",
    };
    for (const host of ["chat.example.org", "app.example.com:443", "192.168.1.20:3000", "nas.lan"]) {
      expect(isAllowedHost(host, env), host).toBe(true);
    }
    expect(isAllowedHost("example.org", env)).toBe(false);
    expect(isAllowedHost("sub.chat.example.org", env)).toBe(false);
  });

  it("takes any name with ALLOWED_HOSTS=*, and every name on Vercel (the platform routes by name)", () => {
    expect(isAllowedHost("anything.example", { ALLOWED_HOSTS: "*" })).toBe(true);
    expect(isAllowedHost("my-app.vercel.app", { VERCEL: "1" })).toBe(true);
  });
});

describe("requestedHost", () => {
  const headers = (init: Record<string, string>) => new Headers(init);

  it("reads Host, and X-Forwarded-Host only behind a trusted proxy", () => {
    const both = headers({ host: "127.0.0.1:3000", "x-forwarded-host": "chat.example.org, other" });
    expect(requestedHost(both, {})).toBe("127.0.0.1:3000");
    expect(requestedHost(both, { TRUST_PROXY: "1" })).toBe("chat.example.org");
    expect(requestedHost(headers({ host: "localhost" }), { TRUST_PROXY: "1" })).toBe("localhost");
  });
});
