// PROTOCOL.md section 6: same-origin only, unless CORS_ORIGINS (comma-separated exact origins,
// e.g. `https://app.example.com,http://localhost:5173`) names others. Those get CORS headers on
// the API and answered preflights; every other origin gets no CORS header at all, so browsers keep
// its pages from reading our answers. Credentials are not allowed cross-origin: such clients send
// `Authorization: Bearer`, which the preflight permits.

type Env = Record<string, string | undefined>;

const ALLOWED_METHODS = "GET, POST, DELETE, OPTIONS";
const ALLOWED_HEADERS = "content-type, authorization, last-event-id";
// Chromium caps the preflight cache at 2 hours.
const PREFLIGHT_MAX_AGE_S = "7200";

let parsed: { raw: string; origins: ReadonlySet<string> } | undefined;

/** The configured origins, normalised (`https://Example.com:443/` → `https://example.com`). */
function allowedOrigins(env: Env = process.env): ReadonlySet<string> {
  const raw = env.CORS_ORIGINS ?? "";
  if (parsed?.raw !== raw) {
    const origins = new Set<string>();
    for (const entry of raw.split(",")) {
      const origin = normalizeOrigin(entry.trim());
      if (origin) origins.add(origin);
    }
    parsed = { raw, origins };
  }
  return parsed.origins;
}

function normalizeOrigin(value: string): string | undefined {
  if (!value || value === "null") return undefined;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

export function isAllowedOrigin(origin: string | null, env: Env = process.env): origin is string {
  if (!origin) return false;
  const normalized = normalizeOrigin(origin);
  return normalized !== undefined && allowedOrigins(env).has(normalized);
}

/** Headers for an API response to an allowed origin; undefined for any other. */
export function corsHeaders(
  origin: string | null,
  env: Env = process.env,
): Record<string, string> | undefined {
  if (!isAllowedOrigin(origin, env)) return undefined;
  return {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Expose-Headers": "X-Stream-Id, X-Request-Id, Retry-After",
    Vary: "Origin",
  };
}

/** The answer to an allowed origin's preflight. */
export function preflightResponse(cors: Record<string, string>): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...cors,
      "Access-Control-Allow-Methods": ALLOWED_METHODS,
      "Access-Control-Allow-Headers": ALLOWED_HEADERS,
      "Access-Control-Max-Age": PREFLIGHT_MAX_AGE_S,
    },
  });
}
