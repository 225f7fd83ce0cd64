import { signedInAccountOf } from "@/lib/auth/request-account";
import { unauthorized } from "@/lib/http/access-code";
import { methodNotAllowed } from "@/lib/http/responses";

// PROTOCOL.md section 14: who is signed in, as proxy.ts found them (no further lookup).

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function GET(request: Request): Response {
  const account = signedInAccountOf(request.headers);
  if (!account) return unauthorized();
  return Response.json(account, { headers: { "Cache-Control": "no-store" } });
}

const notAllowed = () => methodNotAllowed("GET");

export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
