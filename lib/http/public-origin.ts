import "server-only";
import { isHttps } from "./access-code";
import { requestedHost } from "./allowed-hosts";

// The address people reach this server by, for links made to be given to others (share links):
// PUBLIC_URL when it is set (behind a proxy the request may not know it), else the origin the
// browser asked for. The Host it names has passed the request guard: in the open mode only the
// allowed names get this far, and with an access code only a signed-in owner sees the link.

type Env = Record<string, string | undefined>;

/** PUBLIC_URL's origin, or undefined where it is unset or not a URL. */
export function configuredPublicOrigin(env: Env = process.env): string | undefined {
  const configured = env.PUBLIC_URL?.trim();
  if (!configured) return undefined;
  try {
    return new URL(configured).origin;
  } catch {
    return undefined;
  }
}

export function publicOrigin(request: Request, env: Env = process.env): string {
  // a PUBLIC_URL that is not a URL counts as unset: the request's own origin below
  const configured = configuredPublicOrigin(env);
  if (configured) return configured;
  const host = requestedHost(request.headers, env);
  try {
    if (host) return new URL(`${isHttps(request) ? "https" : "http"}://${host}`).origin;
  } catch {
    // a Host no URL can hold: the one Next parsed the request with
  }
  return new URL(request.url).origin;
}
