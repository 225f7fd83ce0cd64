import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Account, type Configuration } from "oidc-provider";

// A real OpenID Connect provider for the tests: the `oidc-provider` package (an OpenID-certified
// implementation), on 127.0.0.1 at a free port, with one confidential client for the app and a few
// people to sign in as. Its development interactions are on: plain HTML forms (login, then
// consent) that a test can post without a browser, or Playwright can fill. The login form takes
// any password; the login name picks the person.

export interface OidcTestUser {
  /** What to type into the provider's login form; also the `sub` claim. */
  login: string;
  email: string;
  emailVerified: boolean;
  name: string;
}

/** The domain a test puts in SIGNUP_ALLOWED_DOMAINS. */
export const OIDC_TEST_DOMAIN = "team.example";

export const OIDC_TEST_USERS = {
  /** The provider checked Ada's address: the sign-up policy may approve her by domain. */
  verified: {
    login: "ada",
    email: `ada@${OIDC_TEST_DOMAIN}`,
    emailVerified: true,
    name: "Ada Lovelace",
  },
  /** Same domain, but the provider never checked the address: never approved by domain. */
  unverified: {
    login: "mallory",
    email: `mallory@${OIDC_TEST_DOMAIN}`,
    emailVerified: false,
    name: "Mallory",
  },
} satisfies Record<string, OidcTestUser>;

export interface OidcServer {
  /** The OIDC_ISSUER to configure, e.g. http://127.0.0.1:41234 */
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

export interface OidcServerOptions {
  /** The app's callback URL(s), exactly as the app will send them. */
  redirectUris: string[];
  users?: OidcTestUser[];
  clientId?: string;
}

export async function startOidcServer(options: OidcServerOptions): Promise<OidcServer> {
  const users = new Map(
    (options.users ?? Object.values(OIDC_TEST_USERS)).map((user) => [user.login, user] as const),
  );
  const clientId = options.clientId ?? "deepseek-chat";
  const clientSecret = randomBytes(24).toString("base64url");

  // The provider needs its issuer URL, which needs the port: listen first, then hand it requests.
  let handle: (request: IncomingMessage, response: ServerResponse) => void = (_request, response) => {
    response.statusCode = 503;
    response.end();
  };
  const server = createServer((request, response) => handle(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, configuration(users, clientId, clientSecret, options.redirectUris));
  handle = provider.callback();

  return {
    issuer,
    clientId,
    clientSecret,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function configuration(
  users: Map<string, OidcTestUser>,
  clientId: string,
  clientSecret: string,
  redirectUris: string[],
): Configuration {
  const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });
  return {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name", "preferred_username"],
    },
    findAccount: (_ctx, sub): Account | undefined => {
      const user = users.get(sub);
      if (!user) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          email: user.email,
          email_verified: user.emailVerified,
          name: user.name,
          preferred_username: user.login,
        }),
      };
    },
    jwks: { keys: [{ ...signingKey, kid: "test", use: "sig", alg: "RS256" }] },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    // Short, and said, so the provider does not print a notice per artifact about its defaults.
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 600,
    },
  };
}
