import "server-only";
import { configuredPublicOrigin } from "@/lib/http/public-origin";
import {
  configuredProviderIds,
  providerCallbackPath,
  SignInProviderConfigError,
  type SignInProviderId,
} from "./provider-variables";

// Where the sign-in providers that are on send people back to, and where the OpenID Connect
// issuer's configuration is; checked at start-up (server.ts) so that a provider configured by
// half, or without PUBLIC_URL, stops the server with the reason rather than someone's first click.

type Env = Record<string, string | undefined>;

/**
 * The callback URL each provider that is on must have registered: fixed by PUBLIC_URL, never by
 * a request's Host, so a provider is told one address and a forged Host cannot change it.
 */
export function callbackUrls(
  env: Env,
  on: SignInProviderId[] = configuredProviderIds(env),
): Partial<Record<SignInProviderId, string>> {
  if (on.length === 0) return {};
  const origin = configuredPublicOrigin(env);
  if (!origin) {
    throw new SignInProviderConfigError(
      `PUBLIC_URL is not set (or is not a URL): sign-in with ${on.join(", ")} needs it, ` +
        "for the callback URL registered with the provider (e.g. PUBLIC_URL=https://chat.example.org)",
    );
  }
  return Object.fromEntries(on.map((id) => [id, `${origin}${providerCallbackPath(id)}`]));
}

/** Where an issuer publishes its configuration (OpenID Connect Discovery 1.0, section 4). */
export function discoveryUrl(issuer: string): string {
  let url: URL;
  try {
    url = new URL(issuer.trim());
  } catch {
    throw new SignInProviderConfigError(`OIDC_ISSUER=${issuer} is not a URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new SignInProviderConfigError(`OIDC_ISSUER=${issuer} is not an http(s) URL`);
  }
  return `${url.href.replace(/\/+$/, "")}/.well-known/openid-configuration`;
}

/** Why the sign-in providers cannot work as configured, naming the variable; undefined when they can. */
export function signInProvidersRefusal(env: Env): string | undefined {
  try {
    callbackUrls(env);
    const issuer = env.OIDC_ISSUER?.trim();
    if (issuer) discoveryUrl(issuer);
    return undefined;
  } catch (error) {
    if (error instanceof SignInProviderConfigError) return error.message;
    throw error;
  }
}
