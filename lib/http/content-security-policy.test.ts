import { describe, expect, it } from "vitest";
import { createNonce, NO_CONTENT_POLICY, pagePolicy, servesPage } from "./content-security-policy";

// The policies proxy.ts sets; e2e/integration/chat-api.test.ts checks them on real responses and
// e2e/csp.spec.ts that a browser runs the app under them without a single violation.

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(";").map((directive) => {
      const [name = "", ...sources] = directive.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe("createNonce", () => {
  it("is 128 random bits in base64, new every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(Buffer.from(nonce, "base64")).toHaveLength(16);
    }
  });
});

describe("pagePolicy", () => {
  it("allows scripts by nonce only, never inline or eval, in production", () => {
    const policy = directives(pagePolicy("abc123=="));
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(policy.get("connect-src")).toEqual(["'self'"]);
  });

  it("keeps everything on this origin and the page out of frames", () => {
    const policy = directives(pagePolicy("n"));
    expect(policy.get("default-src")).toEqual(["'self'"]);
    expect(policy.get("img-src")).toEqual(["'self'", "data:", "blob:"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'self'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  });

  it("allows inline styles without a nonce (a nonce would turn 'unsafe-inline' off)", () => {
    expect(directives(pagePolicy("n")).get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it("adds eval and the HMR websocket in development", () => {
    const policy = directives(pagePolicy("n", { dev: true }));
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-n'", "'strict-dynamic'", "'unsafe-eval'"]);
    expect(policy.get("connect-src")).toEqual(["'self'", "ws:"]);
  });
});

describe("pagePolicy for a read-only page (a share link)", () => {
  it("lets it call nothing and submit nothing, and keeps the rest of the page's policy", () => {
    const policy = directives(pagePolicy("n", { readOnly: true }));
    expect(policy.get("connect-src")).toEqual(["'none'"]);
    expect(policy.get("form-action")).toEqual(["'none'"]);
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-n'", "'strict-dynamic'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(directives(pagePolicy("n", { readOnly: true, dev: true })).get("connect-src")).toEqual(["ws:"]);
  });
});

describe("NO_CONTENT_POLICY", () => {
  it("lets an API answer load and run nothing, and never be framed", () => {
    const policy = directives(NO_CONTENT_POLICY);
    expect(policy.get("default-src")).toEqual(["'none'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  });
});

describe("servesPage", () => {
  it.each([
    ["/", true],
    ["/login", true],
    ["/no-such-page", true],
    ["/apiary", true],
    ["/api", false],
    ["/api/chat", false],
    ["/api/chat/abc", false],
  ])("%s → %s", (path, page) => {
    expect(servesPage(path)).toBe(page);
  });
});
