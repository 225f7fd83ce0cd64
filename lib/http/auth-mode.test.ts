import { describe, expect, it } from "vitest";
import { configuredAccessCode, isOpenMode } from "./access-mode";
import { accountsModeRefusal, accountsModeWarning, authMode } from "./auth-mode";

const SECRET = "s".repeat(32);

describe("the mode decision", () => {
  it("is open without settings, access-code with ACCESS_CODE, accounts with AUTH_SECRET", () => {
    expect(authMode({})).toBe("open");
    expect(authMode({ ACCESS_CODE: "  " })).toBe("open");
    expect(authMode({ ACCESS_CODE: "code" })).toBe("access-code");
    expect(authMode({ AUTH_SECRET: SECRET })).toBe("accounts");
    expect(authMode({ AUTH_SECRET: SECRET, ACCESS_CODE: "code" })).toBe("accounts");
  });

  it("makes the access code no credential in accounts mode, and warns that it is ignored", () => {
    expect(configuredAccessCode({ AUTH_SECRET: SECRET, ACCESS_CODE: "code" })).toBeUndefined();
    expect(isOpenMode({ AUTH_SECRET: SECRET })).toBe(false);
    expect(isOpenMode({})).toBe(true);
    expect(accountsModeWarning({ AUTH_SECRET: SECRET, ACCESS_CODE: "code" })).toMatch(
      /ACCESS_CODE .* ignored/,
    );
    expect(accountsModeWarning({ AUTH_SECRET: SECRET })).toBeUndefined();
    expect(accountsModeWarning({ ACCESS_CODE: "code" })).toBeUndefined();
  });

  it("refuses accounts where nothing lasts, and a secret too short, naming the fix", () => {
    expect(accountsModeRefusal({ AUTH_SECRET: SECRET, VERCEL: "1" })).toMatch(/set DATABASE_URL/);
    expect(
      accountsModeRefusal({ AUTH_SECRET: SECRET, VERCEL: "1", DATABASE_URL: "postgres://x/y" }),
    ).toBeUndefined();
    expect(accountsModeRefusal({ AUTH_SECRET: SECRET })).toBeUndefined();
    expect(accountsModeRefusal({ AUTH_SECRET: "short" })).toMatch(/at least 32 characters/);
    expect(accountsModeRefusal({ VERCEL: "1" })).toBeUndefined();
  });
});
