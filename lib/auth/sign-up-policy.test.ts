import { describe, expect, it } from "vitest";
import { decideNewAccount, type NewIdentity, signUpMode } from "./sign-up-policy";

const person = (over: Partial<NewIdentity> = {}): NewIdentity => ({
  email: "ann@example.com",
  emailVerified: false,
  fromLoopback: false,
  via: "password",
  ...over,
});

const SIGNUPS = [undefined, "approval", "open", "closed"] as const;

describe("decideNewAccount", () => {
  it("reads SIGNUP, approval by default and for anything it does not know", () => {
    expect(signUpMode({})).toBe("approval");
    expect(signUpMode({ SIGNUP: " Open " })).toBe("open");
    expect(signUpMode({ SIGNUP: "closed" })).toBe("closed");
    expect(signUpMode({ SIGNUP: "yes please" })).toBe("approval");
  });

  // Every SIGNUP value × ADMIN_EMAILS (listing her, listing another, unset) × loopback × verified.
  for (const SIGNUP of SIGNUPS) {
    for (const admins of ["ANN@example.com, bob@example.com", "bob@example.com", undefined]) {
      for (const fromLoopback of [false, true]) {
        for (const [via, emailVerified] of [
          ["password", false],
          ["oauth", false],
          ["oauth", true],
        ] as const) {
          const env = {
            ...(SIGNUP ? { SIGNUP } : {}),
            ...(admins ? { ADMIN_EMAILS: admins } : {}),
            SIGNUP_ALLOWED_DOMAINS: "example.com",
          };
          const name = `SIGNUP=${SIGNUP} ADMIN_EMAILS=${admins} loopback=${fromLoopback} ${via} verified=${emailVerified}`;
          it(name, () => {
            const decision = decideNewAccount(person({ fromLoopback, via, emailVerified }), env);
            if (admins?.startsWith("ANN")) {
              expect(decision).toEqual({
                allowed: true,
                role: "admin",
                status: "active",
                firstAdminCandidate: false,
              });
              return;
            }
            if (SIGNUP === "closed") {
              expect(decision).toEqual({ allowed: false, reason: "closed" });
              return;
            }
            const vouched = via === "oauth" && emailVerified;
            expect(decision).toEqual({
              allowed: true,
              role: "user",
              status: SIGNUP === "open" || vouched ? "active" : "pending",
              firstAdminCandidate: admins === undefined && fromLoopback,
            });
          });
        }
      }
    }
  }

  it("approves a verified address only in an allowed domain, never a typed-in one", () => {
    const env = { SIGNUP_ALLOWED_DOMAINS: "@lab.example, other.org" };
    const at = (email: string, over: Partial<NewIdentity>) =>
      decideNewAccount(person({ email, ...over }), env);
    expect(at("x@lab.example", { via: "oauth", emailVerified: true })).toMatchObject({ status: "active" });
    expect(at("x@evil.example", { via: "oauth", emailVerified: true })).toMatchObject({ status: "pending" });
    expect(at("x@lab.example", { via: "oauth", emailVerified: false })).toMatchObject({ status: "pending" });
    // A form cannot vouch for itself, even if it claims to.
    expect(at("x@lab.example", { via: "password", emailVerified: true })).toMatchObject({
      status: "pending",
    });
    // "lab.example" is not "sub.lab.example" nor "notlab.example".
    expect(at("x@notlab.example", { via: "oauth", emailVerified: true })).toMatchObject({
      status: "pending",
    });
  });
});
