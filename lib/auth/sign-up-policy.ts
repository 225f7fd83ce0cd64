import type { AccountRole, AccountStatus } from "@/lib/store/auth-schema";

// Who may join, and as what (issue 18, "who may join"): one rule for every way an account is made,
// a typed-in email and password or a provider's identity (OAuth, OpenID Connect). Pure: the
// environment and the facts about the new identity in, a decision out.
//
// - ADMIN_EMAILS: those addresses are admins and active at once, whatever SIGNUP says.
// - SIGNUP=open: active at once; approval (the default): pending until an admin approves;
//   closed: nobody but ADMIN_EMAILS.
// - SIGNUP_ALLOWED_DOMAINS: active at once, but only for an address the provider verified
//   (email_verified from OAuth/OIDC), never one typed into a form.
// - With ADMIN_EMAILS unset, an account made from a loopback address (a personal machine) may be the
//   first admin: whether it is, is decided in a transaction once it exists (first-admin.ts).

type Env = Record<string, string | undefined>;

export type SignUpMode = "approval" | "open" | "closed";

export interface NewIdentity {
  email: string;
  /** The provider vouches for the address: only ever true for `via: "oauth"`. */
  emailVerified: boolean;
  /** The request came from this machine (clientAddress is loopback). */
  fromLoopback: boolean;
  via: "password" | "oauth";
}

export type NewAccountDecision =
  | { allowed: false; reason: "closed" }
  | {
      allowed: true;
      role: AccountRole;
      status: AccountStatus;
      /** Becomes the admin (and takes the open mode's history) if no admin exists yet. */
      firstAdminCandidate: boolean;
    };

function list(value: string | undefined): string[] {
  return (value ?? "")
    .split(/[\s,]+/)
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
}

export function adminEmails(env: Env = process.env): string[] {
  return list(env.ADMIN_EMAILS);
}

export function signUpMode(env: Env = process.env): SignUpMode {
  const value = env.SIGNUP?.trim().toLowerCase();
  return value === "open" || value === "closed" ? value : "approval";
}

/** Domains whose provider-verified addresses are approved at once ("example.com", "@example.com"). */
export function allowedDomains(env: Env = process.env): string[] {
  return list(env.SIGNUP_ALLOWED_DOMAINS).map((domain) => domain.replace(/^@/, ""));
}

function domainOf(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1).toLowerCase();
}

export function decideNewAccount(identity: NewIdentity, env: Env = process.env): NewAccountDecision {
  const email = identity.email.trim().toLowerCase();
  const admins = adminEmails(env);
  if (admins.includes(email)) {
    return { allowed: true, role: "admin", status: "active", firstAdminCandidate: false };
  }
  const mode = signUpMode(env);
  if (mode === "closed") return { allowed: false, reason: "closed" };
  const firstAdminCandidate = admins.length === 0 && identity.fromLoopback;
  const vouched =
    identity.via === "oauth" && identity.emailVerified && allowedDomains(env).includes(domainOf(email));
  const status: AccountStatus = mode === "open" || vouched ? "active" : "pending";
  return { allowed: true, role: "user", status, firstAdminCandidate };
}
