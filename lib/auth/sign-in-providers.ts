import "server-only";
import type { BetterAuthOptions, BetterAuthPlugin } from "better-auth";
import { type GenericOAuthConfig, genericOAuth } from "better-auth/plugins/generic-oauth";
import { callbackUrls, discoveryUrl } from "./provider-endpoints";
import { configuredProviderIds } from "./provider-variables";

// The sign-in providers the accounts mode offers besides email and password, as Better Auth
// options: GitHub and Google through its built-in social providers, any OpenID Connect provider
// through its generic OAuth plugin. Each is on when its variables are set (provider-variables.ts).
//
// What each hands the sign-up policy as `emailVerified` (Better Auth's own mapping, checked):
// - GitHub: the verified flag GitHub's /user/emails gives the address used (the public one, else
//   the primary); no emails scope or a failed call → false.
// - Google and OIDC: the `email_verified` claim (a "true" string counts, as some providers send it);
//   absent → false.
// Account linking (`accountLinking` below) keeps Better Auth's defaults, the safe ones: no provider is in
// `trustedProviders`, so an identity links to an existing account only when the provider verified
// the email AND the local account's email is verified (`requireLocalEmailVerified`). Whoever can
// type an address into a provider that does not check it must not get that address's account.

type Env = Record<string, string | undefined>;

export interface SignInProviders {
  socialProviders: NonNullable<BetterAuthOptions["socialProviders"]>;
  plugins: BetterAuthPlugin[];
}

/**
 * Better Auth's `account.accountLinking` for the accounts mode, spelled out though it is its
 * default, so that a change of default or a hand-added trusted provider shows in review and fails
 * lib/auth/oidc-sign-in.test.ts.
 */
export const accountLinking = {
  enabled: true,
  trustedProviders: [],
  requireLocalEmailVerified: true,
  allowDifferentEmails: false,
} satisfies NonNullable<NonNullable<BetterAuthOptions["account"]>["accountLinking"]>;

/** What `openid email profile` gives; the sign-up policy needs email and email_verified. */
const OIDC_SCOPES = ["openid", "email", "profile"];

export function signInProviders(env: Env = process.env): SignInProviders {
  const on = configuredProviderIds(env);
  if (on.length === 0) return { socialProviders: {}, plugins: [] };
  const callback = callbackUrls(env, on);
  const socialProviders: SignInProviders["socialProviders"] = {};
  if (callback.github) {
    socialProviders.github = {
      clientId: value(env, "GITHUB_CLIENT_ID"),
      clientSecret: value(env, "GITHUB_CLIENT_SECRET"),
      redirectURI: callback.github,
    };
  }
  if (callback.google) {
    socialProviders.google = {
      clientId: value(env, "GOOGLE_CLIENT_ID"),
      clientSecret: value(env, "GOOGLE_CLIENT_SECRET"),
      redirectURI: callback.google,
    };
  }
  const plugins = callback.oidc ? [genericOAuth({ config: [oidcProvider(env, callback.oidc)] })] : [];
  return { socialProviders, plugins };
}

function oidcProvider(env: Env, redirectURI: string): GenericOAuthConfig<"oidc"> {
  return {
    providerId: "oidc",
    name: env.OIDC_NAME?.trim() || "OpenID Connect",
    discoveryUrl: discoveryUrl(value(env, "OIDC_ISSUER")),
    // Without the issuer's keys an id_token's `sub` and `email_verified` would be taken unchecked;
    // until discovery answers, the provider waits (Better Auth retries it on the next sign-in).
    requireIdTokenVerification: true,
    clientId: value(env, "OIDC_CLIENT_ID"),
    clientSecret: value(env, "OIDC_CLIENT_SECRET"),
    // OpenID Connect's default for a client registered without saying (Core 1.0, section 9);
    // some providers (Authelia) accept nothing else unless told.
    authentication: "basic",
    scopes: OIDC_SCOPES,
    pkce: true,
    redirectURI,
    // Better Auth needs a name; not every provider sends `name`.
    mapProfileToUser: (profile) => ({
      name: [profile.name, profile.preferred_username, profile.email].find(
        (candidate): candidate is string => typeof candidate === "string" && candidate.length > 0,
      ),
    }),
  };
}

function value(env: Env, name: string): string {
  // configuredProviderIds has checked that it is set
  return env[name]?.trim() ?? "";
}
