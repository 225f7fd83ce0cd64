import { describe, expect, it } from "vitest";
import { issueAccessToken } from "./access-code";
import { grantOwnerKey, LOCAL_OWNER, ownerIdOfKey, ownerOf, withOwnerCookie } from "./owner";

const DAY_MS = 24 * 60 * 60 * 1000;
const env = { ACCESS_CODE: "family-code" };
const signedIn = (extra = "") => new Headers({ cookie: `access_code=${issueAccessToken(env)}${extra}` });

describe("the owner of a request", () => {
  it("is one local owner in the open mode, whoever asks", () => {
    expect(ownerOf(new Headers(), {})).toBe(LOCAL_OWNER);
    expect(ownerOf(new Headers({ cookie: "owner_key=x" }), {})).toBe(LOCAL_OWNER);
  });

  it("is the hash of the browser's owner key with an access code, never the key itself", () => {
    const grant = grantOwnerKey(signedIn(), false, env);
    if (!grant) throw new Error("no grant");
    const key = grant.requestCookie.split("=")[1]?.split(".")[0] ?? "";
    expect(key).toMatch(/^[\w-]{43}$/);
    const owner = ownerOf(signedIn(`; ${grant.requestCookie}`), env);
    expect(owner).toBe(ownerIdOfKey(key));
    expect(owner).not.toContain(key);
    expect(ownerIdOfKey(key)).not.toBe(ownerIdOfKey(`${key.slice(1)}A`));
  });

  it("is nobody for a Bearer client, a signed-out browser, or a browser with no key yet", () => {
    const bearer = new Headers({ authorization: "Bearer family-code" });
    expect(ownerOf(bearer, env)).toBeUndefined();
    const grant = grantOwnerKey(signedIn(), false, env);
    expect(ownerOf(new Headers({ cookie: grant?.requestCookie ?? "" }), env)).toBeUndefined();
    expect(ownerOf(signedIn(), env)).toBeUndefined();
  });
});

describe("the owner key cookie", () => {
  it("is given to a signed-in browser without one: HttpOnly, Lax, 400 days, Secure behind HTTPS", () => {
    const grant = grantOwnerKey(signedIn(), true, env);
    expect(grant?.setCookie).toMatch(
      /^owner_key=[\w-]{43}\.[0-9a-z]+; Path=\/; Max-Age=34560000; HttpOnly; SameSite=Lax; Secure$/,
    );
    expect(grantOwnerKey(signedIn(), false, env)?.setCookie).not.toContain("Secure");
  });

  it("is given to no one in the open mode, to no Bearer client, and to no signed-out browser", () => {
    expect(grantOwnerKey(new Headers(), false, {})).toBeUndefined();
    expect(grantOwnerKey(new Headers({ authorization: "Bearer family-code" }), false, env)).toBeUndefined();
    expect(grantOwnerKey(new Headers(), false, env)).toBeUndefined();
    // …except at the sign-in itself, which the login route has just checked.
    expect(grantOwnerKey(new Headers(), false, env, { signingIn: true })).toBeDefined();
  });

  it("keeps its key when renewed under 200 days before it expires, and is left alone before that", () => {
    const now = Date.UTC(2026, 0, 1);
    const grant = grantOwnerKey(signedIn(), false, env, { nowMs: now });
    const cookie = `; ${grant?.requestCookie}`;
    expect(grantOwnerKey(signedIn(cookie), false, env, { nowMs: now + 150 * DAY_MS })).toBeUndefined();
    const renewed = grantOwnerKey(signedIn(cookie), false, env, { nowMs: now + 250 * DAY_MS });
    expect(renewed?.requestCookie.split(".")[0]).toBe(grant?.requestCookie.split(".")[0]);
    expect(renewed?.requestCookie).not.toBe(grant?.requestCookie);
  });

  it("goes into the request's own Cookie header, replacing a malformed one", () => {
    const grant = { requestCookie: "owner_key=new", setCookie: "" };
    expect(withOwnerCookie("a=1; owner_key=bad; b=2", grant)).toBe("a=1; b=2; owner_key=new");
    expect(withOwnerCookie(null, grant)).toBe("owner_key=new");
  });
});
