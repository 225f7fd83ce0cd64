import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer, freePort, startApp } from "../../lib/testing/app-server";
import { CookieJar } from "../../lib/testing/cookie-jar";
import {
  OIDC_TEST_DOMAIN,
  OIDC_TEST_USERS,
  type OidcServer,
  startOidcServer,
} from "../../lib/testing/oidc-server";
import { loginAtProvider } from "../../lib/testing/provider-login";
import { TEST_ENV } from "./global-setup";

// Sign-in through a real OpenID Connect provider run here (oidc-provider on 127.0.0.1), against
// the built app in accounts mode: the browser's part walked with a cookie jar, the app's part
// (Better Auth over the store, the sign-up policy) as it ships. GitHub and Google are checked up to
// the redirect to their authorize page: the tests reach no network.

const AUTH_SECRET = "an integration-test secret of at least 32 characters";

let oidc: OidcServer;
let app: AppServer;

beforeAll(async () => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  oidc = await startOidcServer({ redirectUris: [`${url}/api/auth/callback/oidc`] });
  app = await startApp({
    ...TEST_ENV,
    PORT: String(port),
    AUTH_SECRET,
    PUBLIC_URL: url,
    SIGNUP: "approval",
    SIGNUP_ALLOWED_DOMAINS: OIDC_TEST_DOMAIN,
    // Someone else is the admin: the accounts signed in here are plain users.
    ADMIN_EMAILS: "owner@elsewhere.example",
    OIDC_ISSUER: oidc.issuer,
    OIDC_CLIENT_ID: oidc.clientId,
    OIDC_CLIENT_SECRET: oidc.clientSecret,
    OIDC_NAME: "Team SSO",
    GITHUB_CLIENT_ID: "gh-client",
    GITHUB_CLIENT_SECRET: "gh-secret",
    GOOGLE_CLIENT_ID: "google-client.apps.googleusercontent.com",
    GOOGLE_CLIENT_SECRET: "google-secret",
    RATE_LIMIT_PER_MIN: "0",
  });
  // The first request opens the store and Better Auth (which reads the issuer's discovery
  // document): seconds on a busy machine, paid here rather than inside a test's time.
  expect((await fetch(`${url}/api/auth/get-session`)).status).toBe(200);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await oidc?.close();
});

async function startSignIn(jar: CookieJar, provider: string): Promise<URL> {
  const response = await fetch(`${app.url}/api/auth/sign-in/social`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: app.url, cookie: jar.header(app.url) ?? "" },
    body: JSON.stringify({ provider, callbackURL: "/" }),
  });
  expect(response.status).toBe(200);
  jar.store(app.url, response);
  const { url } = (await response.json()) as { url: string };
  return new URL(url);
}

interface SessionUser {
  email: string;
  emailVerified: boolean;
  status: string;
  role: string;
}

async function signInAs(login: string): Promise<{ end: URL; user: SessionUser | undefined }> {
  const jar = new CookieJar();
  const authorize = await startSignIn(jar, "oidc");
  const end = await loginAtProvider(authorize.href, {
    jar,
    login,
    done: (next) => next.origin === app.url && !next.pathname.startsWith("/api/auth/callback/"),
  });
  const session = await fetch(`${app.url}/api/auth/get-session`, {
    headers: { cookie: jar.header(app.url) ?? "" },
  });
  expect(session.status).toBe(200);
  const body = (await session.json()) as { user: SessionUser } | null;
  return { end, user: body?.user };
}

describe("sign-in through an OpenID Connect provider, in the built app", () => {
  it("makes an account active at once for a verified address at an allowed domain", async () => {
    const { end, user } = await signInAs(OIDC_TEST_USERS.verified.login);
    expect(end.href).toBe(`${app.url}/`);
    expect(user).toMatchObject({
      email: OIDC_TEST_USERS.verified.email,
      emailVerified: true,
      status: "active",
      role: "user",
    });
  });

  it("leaves an unverified address at the same domain waiting for approval", async () => {
    const { user } = await signInAs(OIDC_TEST_USERS.unverified.login);
    expect(user).toMatchObject({
      email: OIDC_TEST_USERS.unverified.email,
      emailVerified: false,
      status: "pending",
    });
  });

  it("signs the same person in again to the same account", async () => {
    const first = await signInAs(OIDC_TEST_USERS.verified.login);
    const again = await signInAs(OIDC_TEST_USERS.verified.login);
    expect(again.user?.email).toBe(first.user?.email);
    expect(again.user).toMatchObject({ status: "active" });
  });
});

describe("GitHub and Google, up to their authorize page", () => {
  for (const [provider, page] of [
    ["github", "https://github.com/login/oauth/authorize"],
    ["google", "https://accounts.google.com/o/oauth2/v2/auth"],
  ] as const) {
    it(`sends ${provider} sign-in to ${page} with our client, PUBLIC_URL's callback, state and PKCE`, async () => {
      const url = await startSignIn(new CookieJar(), provider);
      expect(`${url.origin}${url.pathname}`).toBe(page);
      expect(url.searchParams.get("client_id")).toBe(
        provider === "github" ? "gh-client" : "google-client.apps.googleusercontent.com",
      );
      expect(url.searchParams.get("redirect_uri")).toBe(`${app.url}/api/auth/callback/${provider}`);
      expect(url.searchParams.get("response_type")).toBe("code");
      expect(url.searchParams.get("code_challenge_method")).toBe("S256");
      expect(url.searchParams.get("state")).toMatch(/^[\w-]{16,}$/);
      expect(url.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    });
  }
});

describe("a sign-in provider configured by half", () => {
  it("stops the app at start-up, naming the missing variable", async () => {
    await expect(
      startApp({ ...TEST_ENV, AUTH_SECRET, PUBLIC_URL: "http://127.0.0.1:1", GITHUB_CLIENT_ID: "gh-client" }),
    ).rejects.toThrow(/GITHUB_CLIENT_SECRET is not set/);
  });
});
