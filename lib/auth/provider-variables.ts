// Which sign-in providers a deployment turned on, read from which variables are set. It returns
// no value of any variable and imports nothing of the server, so the sign-in page's buttons
// (sign-in-buttons.ts) and the server's Better Auth options (sign-in-providers.ts) read one answer.

type Env = Record<string, string | undefined>;

export type SignInProviderId = "github" | "google" | "oidc";

interface ProviderVariables {
  id: SignInProviderId;
  label: string;
  /** All of them, or none: the provider is on when every one is set. */
  variables: readonly string[];
}

export const PROVIDER_VARIABLES: readonly ProviderVariables[] = [
  { id: "github", label: "GitHub", variables: ["GITHUB_CLIENT_ID", "GITHUB_CLIENT_SECRET"] },
  { id: "google", label: "Google", variables: ["GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET"] },
  {
    id: "oidc",
    label: "OpenID Connect",
    variables: ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"],
  },
];

/** Better Auth's route for the provider's answer, under the app's /api/auth mount. */
export function providerCallbackPath(id: SignInProviderId): string {
  return `/api/auth/callback/${id}`;
}

/** A provider configured by half: refused at start-up, naming what is missing. */
export class SignInProviderConfigError extends Error {
  override name = "SignInProviderConfigError";
}

export function isSet(env: Env, name: string): boolean {
  return Boolean(env[name]?.trim());
}

/**
 * The providers whose variables are all set. One with some set and some not is a mistake the
 * operator should hear about at start-up, not a button that fails on the provider's page.
 */
export function configuredProviderIds(env: Env): SignInProviderId[] {
  const on: SignInProviderId[] = [];
  for (const { id, label, variables } of PROVIDER_VARIABLES) {
    const missing = variables.filter((name) => !isSet(env, name));
    if (missing.length === variables.length) continue;
    if (missing.length > 0) {
      throw new SignInProviderConfigError(
        `${label} sign-in is configured by half: ${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set ` +
          `(set all of ${variables.join(", ")}, or none of them)`,
      );
    }
    on.push(id);
  }
  return on;
}
