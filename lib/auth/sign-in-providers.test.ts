import { describe, expect, it } from "vitest";
import { callbackUrls, discoveryUrl, signInProvidersRefusal } from "./provider-endpoints";
import { SignInProviderConfigError } from "./provider-variables";
import { enabledSignInButtons } from "./sign-in-buttons";
import { signInProviders } from "./sign-in-providers";

// Which providers an environment turns on, and the Better Auth options each becomes.

const PUBLIC_URL = "https://chat.example.org";
const GITHUB = { GITHUB_CLIENT_ID: "gh-id", GITHUB_CLIENT_SECRET: "gh-secret" };
const GOOGLE = { GOOGLE_CLIENT_ID: "google-id", GOOGLE_CLIENT_SECRET: "google-secret" };
const OIDC = {
  OIDC_ISSUER: "https://id.example.org/realms/team",
  OIDC_CLIENT_ID: "oidc-id",
  OIDC_CLIENT_SECRET: "oidc-secret",
};

describe("signInProviders", () => {
  it("offers none, and needs no PUBLIC_URL, when nothing is configured", () => {
    expect(signInProviders({})).toEqual({ socialProviders: {}, plugins: [] });
    expect(signInProviders({ GITHUB_CLIENT_ID: " ", OIDC_NAME: "Team SSO" })).toEqual({
      socialProviders: {},
      plugins: [],
    });
  });

  it("turns GitHub on alone, calling back to PUBLIC_URL", () => {
    expect(signInProviders({ PUBLIC_URL, ...GITHUB })).toEqual({
      socialProviders: {
        github: {
          clientId: "gh-id",
          clientSecret: "gh-secret",
          redirectURI: "https://chat.example.org/api/auth/callback/github",
        },
      },
      plugins: [],
    });
  });

  it("turns Google on alone", () => {
    expect(signInProviders({ PUBLIC_URL, ...GOOGLE })).toEqual({
      socialProviders: {
        google: {
          clientId: "google-id",
          clientSecret: "google-secret",
          redirectURI: "https://chat.example.org/api/auth/callback/google",
        },
      },
      plugins: [],
    });
  });

  it("turns an OpenID Connect provider on through the generic OAuth plugin, with discovery and PKCE", () => {
    const { socialProviders, plugins } = signInProviders({ PUBLIC_URL, ...OIDC, OIDC_NAME: "Team SSO" });
    expect(socialProviders).toEqual({});
    expect(plugins).toHaveLength(1);
    expect(plugins[0]).toMatchObject({
      id: "generic-oauth",
      options: {
        config: [
          {
            providerId: "oidc",
            name: "Team SSO",
            discoveryUrl: "https://id.example.org/realms/team/.well-known/openid-configuration",
            requireIdTokenVerification: true,
            clientId: "oidc-id",
            clientSecret: "oidc-secret",
            scopes: ["openid", "email", "profile"],
            pkce: true,
            redirectURI: "https://chat.example.org/api/auth/callback/oidc",
          },
        ],
      },
    });
  });

  it("turns all three on together", () => {
    const { socialProviders, plugins } = signInProviders({ PUBLIC_URL, ...GITHUB, ...GOOGLE, ...OIDC });
    expect(Object.keys(socialProviders).sort()).toEqual(["github", "google"]);
    expect(plugins.map((plugin) => plugin.id)).toEqual(["generic-oauth"]);
  });

  it("refuses a provider configured by half, naming what is missing", () => {
    const refusal = (env: Record<string, string>) => () => signInProviders({ PUBLIC_URL, ...env });
    expect(refusal({ GITHUB_CLIENT_ID: "gh-id" })).toThrow(SignInProviderConfigError);
    expect(refusal({ GITHUB_CLIENT_ID: "gh-id" })).toThrow(/GitHub .*GITHUB_CLIENT_SECRET is not set/);
    expect(refusal({ GOOGLE_CLIENT_SECRET: "s" })).toThrow(/Google .*GOOGLE_CLIENT_ID is not set/);
    expect(refusal({ ...GITHUB, GOOGLE_CLIENT_ID: "g", GOOGLE_CLIENT_SECRET: "  " })).toThrow(
      /GOOGLE_CLIENT_SECRET is not set/,
    );
    expect(refusal({ OIDC_ISSUER: OIDC.OIDC_ISSUER })).toThrow(
      /OpenID Connect .*OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are not set/,
    );
    expect(refusal({ OIDC_CLIENT_ID: "i", OIDC_CLIENT_SECRET: "s" })).toThrow(/OIDC_ISSUER is not set/);
  });

  it("refuses a provider without PUBLIC_URL, which fixes its callback URL", () => {
    expect(() => signInProviders(GITHUB)).toThrow(/PUBLIC_URL is not set .*github/);
    expect(() => signInProviders({ PUBLIC_URL: "chat.example.org", ...OIDC })).toThrow(/PUBLIC_URL/);
  });

  it("refuses an issuer that is not an http(s) URL", () => {
    expect(() => signInProviders({ PUBLIC_URL, ...OIDC, OIDC_ISSUER: "id.example.org" })).toThrow(
      /OIDC_ISSUER=id.example.org is not a URL/,
    );
    expect(() => discoveryUrl("ftp://id.example.org")).toThrow(/not an http\(s\) URL/);
  });
});

describe("callbackUrls", () => {
  it("is PUBLIC_URL's origin and Better Auth's callback route, for each provider that is on", () => {
    const env = { PUBLIC_URL: "https://chat.example.org:8443/ignored/path", ...GITHUB, ...GOOGLE, ...OIDC };
    expect(callbackUrls(env)).toEqual({
      github: "https://chat.example.org:8443/api/auth/callback/github",
      google: "https://chat.example.org:8443/api/auth/callback/google",
      oidc: "https://chat.example.org:8443/api/auth/callback/oidc",
    });
    expect(callbackUrls({ PUBLIC_URL, ...GOOGLE })).toEqual({
      google: "https://chat.example.org/api/auth/callback/google",
    });
  });
});

describe("discoveryUrl", () => {
  it("appends the well-known path to the issuer, with or without a trailing slash", () => {
    expect(discoveryUrl("https://accounts.example.org")).toBe(
      "https://accounts.example.org/.well-known/openid-configuration",
    );
    expect(discoveryUrl("https://id.example.org/realms/team/")).toBe(
      "https://id.example.org/realms/team/.well-known/openid-configuration",
    );
  });
});

describe("enabledSignInButtons", () => {
  it("lists an id and a label per provider that is on, in a fixed order, and no secret", () => {
    const env = { PUBLIC_URL, ...OIDC, ...GOOGLE, ...GITHUB };
    const buttons = enabledSignInButtons(env);
    expect(buttons).toEqual([
      { id: "github", label: "GitHub" },
      { id: "google", label: "Google" },
      { id: "oidc", label: "OpenID Connect" },
    ]);
    const text = JSON.stringify(buttons);
    for (const secret of ["gh-secret", "google-secret", "oidc-secret", "oidc-id", "gh-id"]) {
      expect(text).not.toContain(secret);
    }
  });

  it("labels the OpenID Connect button with OIDC_NAME", () => {
    expect(enabledSignInButtons({ ...OIDC, OIDC_NAME: " Team SSO " })).toEqual([
      { id: "oidc", label: "Team SSO" },
    ]);
  });

  it("is empty with nothing configured, and refuses a half-configured provider as the server does", () => {
    expect(enabledSignInButtons({})).toEqual([]);
    expect(() => enabledSignInButtons({ GITHUB_CLIENT_SECRET: "s" })).toThrow(/GITHUB_CLIENT_ID is not set/);
  });
});

describe("signInProvidersRefusal", () => {
  it("passes what signInProviders accepts, and names what it refuses, before Better Auth is loaded", () => {
    expect(signInProvidersRefusal({})).toBeUndefined();
    expect(signInProvidersRefusal({ PUBLIC_URL, ...GITHUB, ...GOOGLE, ...OIDC })).toBeUndefined();
    expect(signInProvidersRefusal({ PUBLIC_URL, GITHUB_CLIENT_ID: "x" })).toMatch(/GITHUB_CLIENT_SECRET/);
    expect(signInProvidersRefusal(OIDC)).toMatch(/PUBLIC_URL/);
    expect(signInProvidersRefusal({ PUBLIC_URL, ...OIDC, OIDC_ISSUER: "nope" })).toMatch(/OIDC_ISSUER=nope/);
  });
});
