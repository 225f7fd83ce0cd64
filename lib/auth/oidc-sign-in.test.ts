import { betterAuth } from "better-auth";
import { memoryAdapter } from "better-auth/adapters/memory";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CookieJar } from "@/lib/testing/cookie-jar";
import { OIDC_TEST_USERS, type OidcServer, startOidcServer } from "@/lib/testing/oidc-server";
import { loginAtProvider } from "@/lib/testing/provider-login";
import { accountLinking, signInProviders } from "./sign-in-providers";

// The whole OpenID Connect authorization-code flow, Better Auth against a real provider run here
// (oidc-provider on 127.0.0.1): our options from signInProviders, a Better Auth of the test's own
// (memory adapter, its handler called in-process), the redirects walked with a cookie jar. What
// the app's accounts mode adds on top (the store, the sign-up policy) is tested against the
// built app in e2e/integration/oidc-sign-in.test.ts.

const APP = "http://app.test";
const CALLBACK = `${APP}/api/auth/callback/oidc`;

let oidc: OidcServer;

beforeAll(async () => {
  oidc = await startOidcServer({ redirectUris: [CALLBACK] });
});
afterAll(() => oidc?.close());

interface NewUser {
  email: string;
  emailVerified: boolean;
}

function testApp() {
  const db: Record<string, Record<string, unknown>[]> = {
    user: [],
    session: [],
    account: [],
    verification: [],
  };
  // What the accounts mode's sign-up policy is handed: Better Auth's user.create hook.
  const created: NewUser[] = [];
  const { socialProviders, plugins } = signInProviders({
    PUBLIC_URL: APP,
    OIDC_ISSUER: oidc.issuer,
    OIDC_CLIENT_ID: oidc.clientId,
    OIDC_CLIENT_SECRET: oidc.clientSecret,
  });
  const auth = betterAuth({
    baseURL: APP,
    secret: "a test secret of at least thirty-two characters",
    database: memoryAdapter(db),
    emailAndPassword: { enabled: true },
    account: { accountLinking },
    socialProviders,
    plugins,
    databaseHooks: {
      user: {
        create: {
          before: async (user) => {
            created.push({ email: user.email, emailVerified: user.emailVerified });
            return { data: user };
          },
        },
      },
    },
  });
  const jar = new CookieJar();
  const call = async (path: string, init: RequestInit = {}) => {
    const request = new Request(`${APP}${path}`, init);
    request.headers.set("origin", APP);
    const cookie = jar.header(APP);
    if (cookie) request.headers.set("cookie", cookie);
    const response = await auth.handler(request);
    jar.store(APP, response);
    return response;
  };
  const signIn = async (login: string): Promise<URL> => {
    const start = await call("/api/auth/sign-in/social", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ provider: "oidc", callbackURL: "/welcome" }),
    });
    expect(start.status).toBe(200);
    const { url } = (await start.json()) as { url: string };
    return loginAtProvider(url, {
      jar,
      login,
      done: (next) => next.origin === APP && !next.pathname.startsWith("/api/auth/callback/"),
      transport: (next) =>
        (next.origin === APP ? (request) => auth.handler(request) : undefined) ?? fetchManual,
    });
  };
  const session = async () => {
    const response = await call("/api/auth/get-session");
    return (await response.json()) as { user: { email: string; emailVerified: boolean } } | null;
  };
  return { auth, db, created, jar, call, signIn, session };
}

const fetchManual = (request: Request) => fetch(request, { redirect: "manual" });

describe("OpenID Connect sign-in through Better Auth, against a real provider", () => {
  it("asks the issuer's authorization endpoint for a code, with PKCE, state, nonce and our callback", async () => {
    const app = testApp();
    const start = await app.call("/api/auth/sign-in/social", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ provider: "oidc", callbackURL: "/" }),
    });
    const authorize = new URL(((await start.json()) as { url: string }).url);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${oidc.issuer}/auth`);
    const query = Object.fromEntries(authorize.searchParams);
    expect(query).toMatchObject({
      response_type: "code",
      client_id: oidc.clientId,
      redirect_uri: CALLBACK,
      code_challenge_method: "S256",
    });
    expect(query.scope?.split(" ").sort()).toEqual(["email", "openid", "profile"]);
    for (const name of ["state", "nonce", "code_challenge"]) expect(query[name]).toMatch(/^[\w-]{16,}$/);
  });

  it("signs in a new person with the provider's email and its email_verified", async () => {
    const app = testApp();
    const end = await app.signIn(OIDC_TEST_USERS.verified.login);
    expect(end.href).toBe(`${APP}/welcome`);
    const session = await app.session();
    expect(session?.user).toMatchObject({ email: OIDC_TEST_USERS.verified.email, emailVerified: true });
    expect(app.created).toEqual([{ email: OIDC_TEST_USERS.verified.email, emailVerified: true }]);
    expect(app.db.account).toEqual([expect.objectContaining({ providerId: "oidc", accountId: "ada" })]);
  });

  it("hands an unchecked address to the sign-up policy as unverified", async () => {
    const app = testApp();
    await app.signIn(OIDC_TEST_USERS.unverified.login);
    expect(app.created).toEqual([{ email: OIDC_TEST_USERS.unverified.email, emailVerified: false }]);
    expect((await app.session())?.user.emailVerified).toBe(false);
  });
});

// Account linking as sign-in-providers.ts sets it (and says why).
describe("an OpenID identity whose email an account already has", () => {
  async function withAccount(email: string, verifiedHere: boolean) {
    const app = testApp();
    const { user } = await app.auth.api.signUpEmail({
      body: { email, password: "a long enough password", name: "Already here" },
    });
    const row = app.db.user?.find((candidate) => candidate.id === user.id);
    if (row) row.emailVerified = verifiedHere;
    return { app, userId: user.id };
  }

  it("links when the provider and the account both verified the address", async () => {
    const { app, userId } = await withAccount(OIDC_TEST_USERS.verified.email, true);
    expect((await app.signIn(OIDC_TEST_USERS.verified.login)).pathname).toBe("/welcome");
    const session = (await app.session()) as { user: { id: string } } | null;
    expect(session?.user.id).toBe(userId);
    expect(app.db.account?.filter((account) => account.providerId === "oidc")).toEqual([
      expect.objectContaining({ userId, accountId: OIDC_TEST_USERS.verified.login }),
    ]);
  });

  it("does not link on an address the provider did not verify", async () => {
    const { app } = await withAccount(OIDC_TEST_USERS.unverified.email, true);
    const end = await app.signIn(OIDC_TEST_USERS.unverified.login);
    expect(end.searchParams.get("error")).toBe("account_not_linked");
    expect(await app.session()).toBeNull();
    expect(app.db.account?.filter((account) => account.providerId === "oidc")).toEqual([]);
  });

  it("does not link to an account whose own address was never verified (it may not be its owner's)", async () => {
    const { app } = await withAccount(OIDC_TEST_USERS.verified.email, false);
    const end = await app.signIn(OIDC_TEST_USERS.verified.login);
    expect(end.searchParams.get("error")).toBe("account_not_linked");
    expect(await app.session()).toBeNull();
  });
});
