import { describe, expect, it } from "vitest";
import { checkAccess } from "@/lib/http/access-code";
import { grantOwnerKey, LOCAL_OWNER, ownerFor, ownerOf } from "@/lib/http/owner";
import { ACCOUNT_HEADER, accountHeaderValue, accountOf, type RequestAccount } from "./request-account";
import { isOwnedStream, ownedStreamId } from "./stream-owner";

const env = { AUTH_SECRET: "a".repeat(32), ACCESS_CODE: "code" };
const ann: RequestAccount = {
  id: "u_ann",
  email: "ann@example.com",
  name: "Ann",
  role: "user",
  status: "active",
  via: "session",
};
const headersWith = (value: string | undefined, extra: Record<string, string> = {}) =>
  new Headers({ ...(value ? { [ACCOUNT_HEADER]: value } : {}), ...extra });

describe("owner resolution in accounts mode", () => {
  it("is the active account the proxy found, and nobody for anyone else", () => {
    const signed = headersWith(accountHeaderValue(ann, env));
    expect(checkAccess(signed, env)).toBe("granted");
    expect(ownerOf(signed, env)).toBe("u_ann");
    for (const status of ["pending", "disabled"] as const) {
      const other = headersWith(accountHeaderValue({ ...ann, status }, env));
      expect(checkAccess(other, env)).toBe("missing");
      expect(ownerOf(other, env)).toBeUndefined();
      expect(accountOf(other, env)?.status).toBe(status);
    }
    // Signed out; the access code (cookie or Bearer) counts for nothing.
    expect(checkAccess(headersWith(undefined, { authorization: "Bearer code" }), env)).toBe("missing");
    expect(ownerFor(headersWith(undefined), "open", env)).toBeUndefined();
    // No owner key cookies in accounts mode.
    expect(
      grantOwnerKey(headersWith(accountHeaderValue(ann, env)), false, env, { signingIn: true }),
    ).toBeUndefined();
  });

  it("trusts only a header signed with this AUTH_SECRET", () => {
    const forged = accountHeaderValue({ ...ann, id: "u_mallory" }, { AUTH_SECRET: "b".repeat(32) });
    expect(accountOf(headersWith(forged), env)).toBeUndefined();
    const [body] = accountHeaderValue(ann, env).split(".");
    expect(accountOf(headersWith(`${body}.xyz`), env)).toBeUndefined();
    const swapped = Buffer.from(JSON.stringify({ ...ann, role: "admin" })).toString("base64url");
    const signature = accountHeaderValue(ann, env).split(".")[1];
    expect(accountOf(headersWith(`${swapped}.${signature}`), env)).toBeUndefined();
  });

  it("keeps the open and access-code modes as they were", () => {
    expect(ownerOf(new Headers(), {})).toBe(LOCAL_OWNER);
    expect(checkAccess(new Headers(), { ACCESS_CODE: "code" })).toBe("missing");
    expect(checkAccess(new Headers({ authorization: "Bearer code" }), { ACCESS_CODE: "code" })).toBe(
      "granted",
    );
  });
});

describe("stream ids in accounts mode", () => {
  it("name their owner: nobody else's id, and no altered one, checks out", () => {
    const id = ownedStreamId("u_ann", env);
    expect(id).toMatch(/^[A-Za-z0-9_-]{46}$/);
    expect(isOwnedStream(id, "u_ann", env)).toBe(true);
    expect(isOwnedStream(id, "u_bob", env)).toBe(false);
    expect(isOwnedStream(`${id.slice(0, -1)}${id.endsWith("A") ? "B" : "A"}`, "u_ann", env)).toBe(false);
    expect(isOwnedStream(id, "u_ann", { AUTH_SECRET: "c".repeat(32) })).toBe(false);
    expect(isOwnedStream(id.slice(0, 24), "u_ann", env)).toBe(false);
  });
});
