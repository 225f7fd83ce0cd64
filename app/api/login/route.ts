import {
  accessCookie,
  clearedAccessCookie,
  configuredAccessCode,
  isHttps,
  sameSecret,
  unauthorized,
} from "@/lib/http/access-code";
import { jsonError, methodNotAllowed, readJsonBody } from "@/lib/http/responses";

// The login page's back end: POST `{"code": "…"}` sets the access cookie, DELETE clears it.
// proxy.ts lets this route through signed out, refuses other sites (403) and counts attempts (429).

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const BODY_LIMIT_BYTES = 4_096;
const NO_STORE = { "Cache-Control": "no-store" };

export async function POST(request: Request): Promise<Response> {
  const body = await readJsonBody(request, BODY_LIMIT_BYTES);
  if (!body.ok) return body.response;
  const code = (body.value as { code?: unknown } | null)?.code;
  if (typeof code !== "string" || code.trim() === "") {
    return jsonError(400, "invalid_request", "code: send the access code as a non-empty string.");
  }
  const expected = configuredAccessCode();
  // Nothing to sign in to: say so plainly and set nothing.
  if (!expected) return Response.json({ ok: true, required: false }, { headers: NO_STORE });
  if (!sameSecret(code.trim(), expected)) return unauthorized("The access code is not right.");
  return Response.json(
    { ok: true },
    { headers: { ...NO_STORE, "Set-Cookie": accessCookie(expected, isHttps(request)) } },
  );
}

/** Signs out: the cookie goes, a Bearer client has nothing to clear. */
export function DELETE(request: Request): Response {
  return new Response(null, {
    status: 204,
    headers: { ...NO_STORE, "Set-Cookie": clearedAccessCookie(isHttps(request)) },
  });
}

const notAllowed = () => methodNotAllowed("POST, DELETE");

export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH };
