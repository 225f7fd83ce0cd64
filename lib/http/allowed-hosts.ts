import { trustedHops } from "./client-address";
import { isLoopbackHost } from "./listen-plan";

// DNS rebinding: a page on attacker.example whose name its owner points at 127.0.0.1 is
// same-origin with itself, so its scripts could use an open install (no access code) as their own
// and read every answer and tool result. Browsers send the name they resolved in Host, so the open
// mode answers only the names it is known by: loopback names, PUBLIC_URL's host, the hosts of
// CORS_ORIGINS and ALLOWED_HOSTS (comma-separated names, `*` for any). Names are compared without
// the port. With an access code the code guards instead (the attacker's page has no cookie for
// its own name). On Vercel the platform routes a request here only for the project's own domains,
// so every Host that arrives is one of them.

type Env = Record<string, string | undefined>;

interface Allowed {
  any: boolean;
  names: ReadonlySet<string>;
}

let cached: { key: string; allowed: Allowed } | undefined;

/** `Chat.Example.org.:443` → `chat.example.org`; `[::1]:3000` → `[::1]`. */
export function hostName(host: string): string {
  const lower = host.trim().toLowerCase();
  const name = lower.startsWith("[") ? lower.slice(0, lower.indexOf("]") + 1) : lower.replace(/:\d*$/, "");
  return name.replace(/\.$/, "");
}

function hostOfUrl(value: string | undefined): string | undefined {
  if (!value?.trim()) return undefined;
  try {
    return hostName(new URL(value.trim()).host);
  } catch {
    return undefined;
  }
}

function allowedHosts(env: Env): Allowed {
  const key = [env.PUBLIC_URL, env.CORS_ORIGINS, env.ALLOWED_HOSTS].join("\u0000");
  if (cached?.key === key) return cached.allowed;
  const names = new Set<string>();
  const listed = (env.ALLOWED_HOSTS ?? "").split(",").map((entry) => entry.trim());
  for (const entry of listed) if (entry && entry !== "*") names.add(hostName(entry));
  const publicHost = hostOfUrl(env.PUBLIC_URL);
  if (publicHost) names.add(publicHost);
  for (const origin of (env.CORS_ORIGINS ?? "").split(",")) {
    const host = hostOfUrl(origin);
    if (host) names.add(host);
  }
  const allowed = { any: listed.includes("*"), names };
  cached = { key, allowed };
  return allowed;
}

/**
 * The name the browser asked for: Host, or, behind a trusted proxy (which may rewrite Host), the
 * first X-Forwarded-Host. Without TRUST_PROXY a client-written X-Forwarded-Host counts for nothing.
 */
export function requestedHost(headers: { get(name: string): string | null }, env: Env = process.env): string {
  const forwarded = trustedHops(env) > 0 ? headers.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  return forwarded || headers.get("host") || "";
}

export function isAllowedHost(host: string, env: Env = process.env): boolean {
  if (env.VERCEL) return true;
  const name = hostName(host);
  if (!name) return false;
  // 0.0.0.0 reaches this machine when typed in; no other site's page can have it as its origin.
  if (isLoopbackHost(name) || name === "0.0.0.0") return true;
  const allowed = allowedHosts(env);
  return allowed.any || allowed.names.has(name);
}
