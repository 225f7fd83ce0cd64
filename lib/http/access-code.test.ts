import * as crypto from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { checkAccess, issueAccessToken, sameSecret } from "./access-code";

vi.mock("node:crypto", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:crypto")>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const DAY_MS = 24 * 60 * 60 * 1000;
const env = { ACCESS_CODE: "family-code" };

function withCookie(token: string) {
  return new Headers({ cookie: `theme=dark; access_code=${token}` });
}

afterEach(() => {
  vi.mocked(crypto.timingSafeEqual).mockClear();
});

describe("sameSecret", () => {
  it("compares digests of one size, so neither the time nor the work tells the code's length", () => {
    expect(sameSecret("a", "family-code")).toBe(false);
    expect(sameSecret("family-code-but-longer", "family-code")).toBe(false);
    expect(sameSecret("family-codf", "family-code")).toBe(false);
    expect(sameSecret("family-code", "family-code")).toBe(true);
    const calls = vi.mocked(crypto.timingSafeEqual).mock.calls;
    expect(calls).toHaveLength(4);
    for (const [a, b] of calls) {
      expect((a as Buffer).length).toBe(32);
      expect((b as Buffer).length).toBe(32);
    }
  });
});

describe("the access cookie", () => {
  it("is new at every sign-in, and each one lets its holder in", () => {
    const first = issueAccessToken(env);
    const second = issueAccessToken(env);
    expect(first).not.toBe(second);
    expect(first).not.toContain(env.ACCESS_CODE);
    expect(checkAccess(withCookie(first), env)).toBe("granted");
    expect(checkAccess(withCookie(second), env)).toBe("granted");
  });

  it("ends on the server after 30 days, whatever the browser keeps", () => {
    const issuedAt = Date.UTC(2026, 0, 1);
    const token = issueAccessToken(env, issuedAt);
    expect(checkAccess(withCookie(token), env, issuedAt + 29 * DAY_MS)).toBe("granted");
    expect(checkAccess(withCookie(token), env, issuedAt + 31 * DAY_MS)).toBe("missing");
  });

  it("is revoked by changing ACCESS_CODE or ACCESS_SECRET", () => {
    const token = issueAccessToken({ ...env, ACCESS_SECRET: "s1" });
    expect(checkAccess(withCookie(token), { ...env, ACCESS_SECRET: "s1" })).toBe("granted");
    expect(checkAccess(withCookie(token), { ...env, ACCESS_SECRET: "s2" })).toBe("missing");
    expect(checkAccess(withCookie(token), env)).toBe("missing");
    expect(checkAccess(withCookie(token), { ACCESS_CODE: "new-code", ACCESS_SECRET: "s1" })).toBe("missing");
  });

  it("refuses a changed expiry, a changed nonce, the old constant cookie and garbage", () => {
    const token = issueAccessToken(env);
    const [expires, nonce, mac] = token.split(".") as [string, string, string];
    const later = (Number.parseInt(expires, 36) + 365 * 24 * 3600).toString(36);
    for (const forged of [
      `${later}.${nonce}.${mac}`,
      `${expires}.${nonce.replace(/^./, (c) => (c === "A" ? "B" : "A"))}.${mac}`,
      `${expires}.${nonce}`,
      // What the cookie was before it was signed with an expiry: an HMAC of a constant.
      crypto
        .createHmac("sha256", env.ACCESS_CODE)
        .update("deepseek-chat:access-cookie:v1")
        .digest("base64url"),
      "",
      "....",
      "x".repeat(5_000),
    ]) {
      expect(checkAccess(withCookie(forged), env), forged.slice(0, 40)).toBe("missing");
    }
  });
});
