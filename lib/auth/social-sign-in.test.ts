import { betterAuth } from "better-auth";
import { memoryAdapter } from "better-auth/adapters/memory";
import { github, google } from "better-auth/social-providers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { accountLinking, signInProviders } from "./sign-in-providers";

// GitHub and Google cannot be reached from the tests: their sign-in is checked up to the redirect
// to their authorization page, and Better Auth's reading of their answer (where `emailVerified`
// comes from) is pinned on recorded shapes of their replies.

const APP = "https://chat.example.org";

function testAuth() {
  return betterAuth({
    baseURL: APP,
    secret: "a test secret of at least thirty-two characters",
    database: memoryAdapter({ user: [], session: [], account: [], verification: [] }),
    account: { accountLinking },
    ...signInProviders({
      PUBLIC_URL: APP,
      GITHUB_CLIENT_ID: "gh-client",
      GITHUB_CLIENT_SECRET: "gh-secret",
      GOOGLE_CLIENT_ID: "google-client.apps.googleusercontent.com",
      GOOGLE_CLIENT_SECRET: "google-secret",
    }),
  });
}

async function authorizeRedirect(provider: string): Promise<URL> {
  const response = await testAuth().handler(
    new Request(`${APP}/api/auth/sign-in/social`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: APP },
      body: JSON.stringify({ provider, callbackURL: "/" }),
    }),
  );
  expect(response.status).toBe(200);
  expect(response.headers.getSetCookie().join("\n")).toMatch(/state/);
  const body = (await response.json()) as { url: string; redirect: boolean };
  expect(body.redirect).toBe(true);
  return new URL(body.url);
}

describe("the sign-in request's redirect to the provider", () => {
  it("goes to GitHub's authorize page with our client, callback, state and PKCE", async () => {
    const url = await authorizeRedirect("github");
    expect(`${url.origin}${url.pathname}`).toBe("https://github.com/login/oauth/authorize");
    const query = Object.fromEntries(url.searchParams);
    expect(query).toMatchObject({
      client_id: "gh-client",
      redirect_uri: `${APP}/api/auth/callback/github`,
      response_type: "code",
      code_challenge_method: "S256",
    });
    expect(query.scope?.split(" ")).toEqual(expect.arrayContaining(["read:user", "user:email"]));
    for (const name of ["state", "code_challenge"]) expect(query[name]).toMatch(/^[\w-]{16,}$/);
  });

  it("goes to Google's authorize page with our client, callback, state, PKCE and the email scope", async () => {
    const url = await authorizeRedirect("google");
    expect(`${url.origin}${url.pathname}`).toBe("https://accounts.google.com/o/oauth2/v2/auth");
    const query = Object.fromEntries(url.searchParams);
    expect(query).toMatchObject({
      client_id: "google-client.apps.googleusercontent.com",
      redirect_uri: `${APP}/api/auth/callback/google`,
      response_type: "code",
      code_challenge_method: "S256",
    });
    expect(query.scope?.split(" ").sort()).toEqual(["email", "openid", "profile"]);
    for (const name of ["state", "code_challenge"]) expect(query[name]).toMatch(/^[\w-]{16,}$/);
  });

  it("refuses a provider that is not on", async () => {
    const response = await testAuth().handler(
      new Request(`${APP}/api/auth/sign-in/social`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: APP },
        body: JSON.stringify({ provider: "oidc", callbackURL: "/" }),
      }),
    );
    expect(response.status).toBeGreaterThanOrEqual(400);
  });
});

describe("where GitHub's and Google's emailVerified comes from", () => {
  afterEach(() => vi.unstubAllGlobals());

  function githubAnswers(
    profileEmail: string | null,
    emails: { email: string; primary: boolean; verified: boolean }[],
  ) {
    vi.stubGlobal("fetch", async (input: string | URL | Request) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url === "https://api.github.com/user") {
        return Response.json({ id: 1, login: "ada", name: "Ada", email: profileEmail, avatar_url: "" });
      }
      if (url === "https://api.github.com/user/emails") return Response.json(emails);
      return new Response("not here", { status: 404 });
    });
  }
  const githubUser = async () =>
    (await github({ clientId: "c", clientSecret: "s" }).getUserInfo({ accessToken: "t" }))?.user;

  it("GitHub: the primary address when none is public, verified only if GitHub verified it", async () => {
    githubAnswers(null, [
      { email: "old@team.example", primary: false, verified: true },
      { email: "ada@team.example", primary: true, verified: false },
    ]);
    expect(await githubUser()).toMatchObject({ email: "ada@team.example", emailVerified: false });
    githubAnswers(null, [{ email: "ada@team.example", primary: true, verified: true }]);
    expect(await githubUser()).toMatchObject({ email: "ada@team.example", emailVerified: true });
  });

  it("GitHub: the public address with its own verified flag; unverified when the list is withheld", async () => {
    githubAnswers("ada@team.example", [
      { email: "ada@team.example", primary: false, verified: true },
      { email: "primary@team.example", primary: true, verified: true },
    ]);
    expect(await githubUser()).toMatchObject({ email: "ada@team.example", emailVerified: true });
    vi.stubGlobal("fetch", async (input: string | URL | Request) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.endsWith("/user")) return Response.json({ id: 1, login: "ada", email: "ada@team.example" });
      return new Response("forbidden", { status: 403 });
    });
    expect(await githubUser()).toMatchObject({ email: "ada@team.example", emailVerified: false });
  });

  it("Google: the id_token's email_verified claim", async () => {
    const idToken = (claims: object) =>
      ["{}", JSON.stringify(claims), ""].map((part) => Buffer.from(part).toString("base64url")).join(".");
    const provider = google({ clientId: "c", clientSecret: "s" });
    const user = async (claims: object) =>
      (await provider.getUserInfo({ accessToken: "t", idToken: idToken(claims) }))?.user;
    expect(await user({ sub: "1", email: "ada@team.example", email_verified: true })).toMatchObject({
      email: "ada@team.example",
      emailVerified: true,
    });
    expect(await user({ sub: "2", email: "bob@team.example", email_verified: false })).toMatchObject({
      emailVerified: false,
    });
  });
});
