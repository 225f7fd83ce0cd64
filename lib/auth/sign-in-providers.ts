import "server-only";
import type { BetterAuthOptions, BetterAuthPlugin } from "better-auth";

// The hook point for sign-in through other providers (issue 18: GitHub, Google, any OpenID
// Connect issuer), each on when its settings are present. Email and password is always on and
// lives in auth.ts; what this returns is merged into the same Better Auth instance, and every
// account a provider makes goes through the same sign-up policy (auth.ts's database hooks).

type Env = Record<string, string | undefined>;

export interface SignInProviders {
  socialProviders: NonNullable<BetterAuthOptions["socialProviders"]>;
  plugins: BetterAuthPlugin[];
}

export function signInProviders(_env: Env = process.env): SignInProviders {
  return { socialProviders: {}, plugins: [] };
}
