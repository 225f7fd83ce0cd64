import { describe, expect, it } from "vitest";
import { apiKeyName, apiKeyStart, hashApiKey, isApiKeyFormat, newApiKey, presentedKey } from "./api-key";

describe("personal API keys", () => {
  it("are dsk_ and 256 random bits, each new", () => {
    const key = newApiKey();
    expect(key).toMatch(/^dsk_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(key.slice(4), "base64url")).toHaveLength(32);
    expect(new Set(Array.from({ length: 50 }, newApiKey)).size).toBe(50);
    expect(isApiKeyFormat(key)).toBe(true);
    expect(isApiKeyFormat(`${key}x`)).toBe(false);
    expect(isApiKeyFormat(key.slice(0, -1))).toBe(false);
    expect(isApiKeyFormat(`sk_${key.slice(4)}`)).toBe(false);
  });

  it("are kept as their sha256, and shown by their first characters", () => {
    const key = "dsk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    // sha256 of the whole key, hex: a fixed value, so a change of scheme cannot pass unnoticed.
    expect(hashApiKey(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey(key)).toBe(hashApiKey(key));
    expect(hashApiKey(key)).not.toBe(hashApiKey(newApiKey()));
    expect(hashApiKey("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(apiKeyStart(key)).toBe("dsk_AAAAAA");
  });

  it("are read from Authorization: Bearer, and anything else there is not one", () => {
    const key = newApiKey();
    expect(presentedKey(new Headers())).toEqual({ kind: "none" });
    expect(presentedKey(new Headers({ authorization: `Bearer ${key}` }))).toEqual({ kind: "key", key });
    expect(presentedKey(new Headers({ authorization: `bearer   ${key} ` }))).toEqual({ kind: "key", key });
    for (const value of ["Bearer the-access-code", `Basic ${key}`, "Bearer", `Bearer ${key.slice(0, 20)}`]) {
      expect(presentedKey(new Headers({ authorization: value }))).toEqual({ kind: "malformed" });
    }
  });

  it("take a name of one line, trimmed and capped", () => {
    expect(apiKeyName("  my   laptop\n cli ")).toBe("my laptop cli");
    expect(apiKeyName("x".repeat(100))).toHaveLength(60);
    for (const value of ["", "   ", 3, undefined, null]) expect(apiKeyName(value)).toBeUndefined();
  });
});
