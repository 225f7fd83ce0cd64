import {
  accessCookie,
  clearedAccessCookie,
  configuredAccessCode,
  isHttps,
  issueAccessToken,
  sameSecret,
  unauthorized,
} from "@/lib/http/access-code";
import { isAccountsMode } from "@/lib/http/auth-mode";
import { clientAddress } from "@/lib/http/client-address";
import { grantOwnerKey } from "@/lib/http/owner";
import { rateLimitRule, rateLimitStore } from "@/lib/http/rate-limit";
import { invalidRequest, jsonError, methodNotAllowed, readJsonBody } from "@/lib/http/responses";
import { recordSignIn } from "@/lib/http/sign-in-guard";

// The login page's back end: POST `{"code": "…"}` sets the access cookie, DELETE clears it.
// proxy.ts lets this route through signed out, refuses other sites (403) and counts attempts (429);
// this route tells the server-wide sign-in limit how each attempt went (sign-in-guard.ts).

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const BODY_LIMIT_BYTES = 4_096;
const NO_STORE = { "Cache-Control": "no-store" };

export async function POST(request: Request): Promise<Response> {
  // An access code is no credential in accounts mode: no cookie for it, even to a signed-in account.
  if (isAccountsMode()) {
    return jsonError(
      "not_found",
      "This server has accounts: sign in at /sign-in. An access code is not used here.",
    );
  }
  const body = await readJsonBody(request, BODY_LIMIT_BYTES);
  if (!body.ok) return body.response;
  const code = (body.value as { code?: unknown } | null)?.code;
  if (typeof code !== "string" || code.trim() === "") {
    return invalidRequest("code: send the access code as a non-empty string.");
  }
  const expected = configuredAccessCode();
  // Nothing to sign in to: say so plainly and set nothing.
  if (!expected) return Response.json({ ok: true, required: false }, { headers: NO_STORE });
  const right = sameSecret(code.trim(), expected);
  // proxy.ts counted the attempt; what it could not know is whether the code was right.
  const rule = rateLimitRule();
  if (rule) await recordSignIn(clientAddress(request.headers), right, rule, rateLimitStore());
  if (!right) return unauthorized("The access code is not right.");
  const headers = new Headers(NO_STORE);
  headers.append("Set-Cookie", accessCookie(issueAccessToken(), isHttps(request)));
  // The browser's own history key, if it has none yet: a new access code leaves an old one be.
  const owner = grantOwnerKey(request.headers, isHttps(request), process.env, { signingIn: true });
  if (owner) headers.append("Set-Cookie", owner.setCookie);
  return Response.json({ ok: true }, { headers });
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
