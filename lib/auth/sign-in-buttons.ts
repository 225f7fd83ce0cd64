import { configuredProviderIds, PROVIDER_VARIABLES, type SignInProviderId } from "./provider-variables";

// What the sign-in page shows: a "Continue with …" button per provider that is on. Only ids and
// labels leave here, so the list can be handed to a client component as it is.

type Env = Record<string, string | undefined>;

export interface SignInButton {
  id: SignInProviderId;
  label: string;
}

export function enabledSignInButtons(env: Env): SignInButton[] {
  return configuredProviderIds(env).map((id) => ({ id, label: buttonLabel(env, id) }));
}

function buttonLabel(env: Env, id: SignInProviderId): string {
  const named = id === "oidc" ? env.OIDC_NAME?.trim() : undefined;
  return named || (PROVIDER_VARIABLES.find((provider) => provider.id === id)?.label ?? id);
}
