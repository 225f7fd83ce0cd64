import { isAllowedOrigin } from "./cors";
import { jsonError } from "./responses";

// A page on another site must not make a visitor's browser change state here or spend the
// server's model budget (CSRF: the browser would attach the access cookie, or the server is
// open). Browsers say who is asking in Origin (on every POST, and on cross-origin fetches and
// EventSource) and in Sec-Fetch-Site; programs (curl, the CLI, MCP clients, other servers) send
// neither and pass.
//
// The origin is compared by host and port only: behind a TLS-terminating proxy that does not set
// X-Forwarded-Proto the app believes it is on http while the browser says https, and one host and
// port cannot serve two schemes anyway.

type Env = Record<string, string | undefined>;
type HeaderSource = { get(name: string): string | null };

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function hostOf(value: string | null | undefined, scheme: string): string | undefined {
  const host = value?.split(",")[0]?.trim().toLowerCase();
  if (!host) return undefined;
  const defaultPort = scheme === "https:" ? ":443" : ":80";
  return host.endsWith(defaultPort) ? host.slice(0, -defaultPort.length) : host;
}

/** Whether `origin` is this server as the browser sees it: its Host, or what a proxy forwarded. */
function isOwnOrigin(origin: string, headers: HeaderSource): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // includes "null", sent by sandboxed frames and privacy-sensitive redirects
  }
  const candidates = [headers.get("host"), headers.get("x-forwarded-host")];
  return candidates.some((candidate) => hostOf(candidate, url.protocol) === url.host);
}

/** An Origin the guard lets change state here: this server itself, or one of CORS_ORIGINS. */
export function isTrustedOrigin(origin: string, headers: HeaderSource, env: Env = process.env): boolean {
  return isOwnOrigin(origin, headers) || isAllowedOrigin(origin, env);
}

/**
 * Guarded: every state-changing method, and whatever spends money even over GET (the chat's
 * EventSource form). A guarded request is refused when its Origin is neither this server nor in
 * CORS_ORIGINS, or, without an Origin, when Sec-Fetch-Site says another site sent it (an <img>, a
 * link followed from elsewhere: top-level GETs carry a SameSite=Lax cookie).
 */
export function refuseForeignOrigin(
  request: Request,
  options: { spends: boolean },
  env: Env = process.env,
): Response | undefined {
  if (!UNSAFE_METHODS.has(request.method) && !options.spends) return undefined;
  const origin = request.headers.get("origin");
  if (origin !== null) {
    if (isTrustedOrigin(origin, request.headers, env)) return undefined;
  } else {
    const site = request.headers.get("sec-fetch-site");
    if (site !== "cross-site" && site !== "same-site") return undefined;
  }
  return jsonError(
    "forbidden_origin",
    "Requests from other sites are refused: this server answers its own pages and the origins listed in CORS_ORIGINS.",
    { "Cache-Control": "no-store" },
  );
}
