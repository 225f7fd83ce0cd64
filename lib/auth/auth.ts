import "server-only";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError } from "better-auth/api";
import { configuredAuthSecret } from "@/lib/http/auth-mode";
import { isTrustedOrigin } from "@/lib/http/same-origin";
import type { StoreDatabase } from "@/lib/store/rows";
import { schema } from "@/lib/store/schema";
import { settleNewAccount } from "./first-admin";
import { isLoopbackClient } from "./loopback-client";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password-rules";
import { accountLinking, signInProviders } from "./sign-in-providers";
import { decideNewAccount, type NewIdentity } from "./sign-up-policy";

// The accounts library (Better Auth) over our own store: its Drizzle adapter on the store's ORM,
// PGlite or PostgreSQL alike. Its tables come from our migrations (0006_accounts), never from the
// library. Opened lazily with the store (get-auth.ts), never at import or during `next build`.

type Env = Record<string, string | undefined>;

/** Cookies are `chat.session_token` (and Better Auth's others under the same prefix). */
export const AUTH_COOKIE_PREFIX = "chat";
const SESSION_DAYS = 30;

interface HookContext {
  path?: string | undefined;
  headers?: Headers | undefined;
  request?: Request | undefined;
}

function identityOf(
  created: { email: string; emailVerified?: boolean | null },
  context: HookContext | null,
  env: Env,
): NewIdentity {
  const headers = context?.headers ?? context?.request?.headers;
  const via = context?.path === "/sign-up/email" ? "password" : "oauth";
  return {
    email: created.email,
    // A typed-in address is never taken as verified, whatever the body said.
    emailVerified: via === "oauth" && created.emailVerified === true,
    fromLoopback: headers ? isLoopbackClient(headers, env) : false,
    via,
  };
}

export function createAuth(db: StoreDatabase, env: Env = process.env) {
  const secret = configuredAuthSecret(env);
  if (!secret) throw new Error("createAuth: AUTH_SECRET is not set");
  const providers = signInProviders(env);
  const publicUrl = env.PUBLIC_URL?.trim();
  return betterAuth({
    appName: "DeepSeek Chat",
    secret,
    // Without PUBLIC_URL each request's own origin (what the request guard let through).
    ...(publicUrl ? { baseURL: publicUrl } : {}),
    basePath: "/api/auth",
    database: drizzleAdapter(db, { provider: "pg", schema }),
    trustedOrigins: (request) => {
      const origin = request?.headers.get("origin");
      return request && origin && isTrustedOrigin(origin, request.headers, env) ? [origin] : [];
    },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      // Off, so that signing up with a taken address answers exactly as with a free one (the
      // library then returns a look-alike user and no session); the page signs in next.
      autoSignIn: false,
    },
    socialProviders: providers.socialProviders,
    // Never link a provider identity on an address that either side has not verified (sign-in-providers.ts).
    account: { accountLinking },
    plugins: providers.plugins,
    user: {
      additionalFields: {
        role: { type: "string", input: false, defaultValue: "user" },
        status: { type: "string", input: false, defaultValue: "pending" },
      },
    },
    session: {
      expiresIn: SESSION_DAYS * 24 * 60 * 60,
      updateAge: 24 * 60 * 60,
      // No cookie cache: every request reads its session row (once, in proxy.ts), so a revoked
      // session or a disabled account stops at the next request.
      cookieCache: { enabled: false },
    },
    // Sign-in attempts are limited by the request guard in our own store (Redis when REDIS_URL, so
    // every instance counts together); the library's own limiter would count per process.
    rateLimit: { enabled: false },
    advanced: {
      cookiePrefix: AUTH_COOKIE_PREFIX,
      // The route adds Secure per request, when the browser came over https (auth-route.ts): one
      // install may be reached both ways (localhost, and https behind a proxy).
      useSecureCookies: false,
      // X-Forwarded-For is the client's to write unless TRUST_PROXY says otherwise; ours is read
      // by clientAddress where it matters.
      ipAddress: { disableIpTracking: true },
    },
    telemetry: { enabled: false },
    databaseHooks: {
      user: {
        create: {
          before: async (created, context) => {
            const decision = decideNewAccount(identityOf(created, context, env), env);
            if (!decision.allowed) {
              throw new APIError("BAD_REQUEST", {
                code: "SIGNUP_CLOSED",
                message: "Sign-up is closed on this server: ask its admin for an account.",
              });
            }
            return { data: { ...created, role: decision.role, status: decision.status } };
          },
          after: async (created, context) => {
            const decision = decideNewAccount(identityOf(created, context, env), env);
            if (!decision.allowed) return;
            await settleNewAccount(db, created.id, {
              admin: decision.role === "admin",
              firstAdminCandidate: decision.firstAdminCandidate,
            });
          },
        },
      },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
