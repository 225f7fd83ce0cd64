import { getAuth } from "@/lib/auth/get-auth";
import { withSecureCookies } from "@/lib/auth/secure-cookies";
import { storeUnavailable } from "@/lib/history/history-access";
import { isHttps } from "@/lib/http/access-code";
import { accountsModeRefusal, isAccountsMode } from "@/lib/http/auth-mode";
import { clientAddress } from "@/lib/http/client-address";
import { rateLimitRule, rateLimitStore } from "@/lib/http/rate-limit";
import { jsonError } from "@/lib/http/responses";
import { recordSignIn } from "@/lib/http/sign-in-guard";

// Better Auth's endpoints (PROTOCOL.md section 14): sign-up, sign-in, sign-out, change password,
// sign out everywhere, and the providers' callbacks. proxy.ts refuses other sites and counts
// password attempts per address first; this route tells the server-wide sign-in limit how each
// sign-in went (sign-in-guard.ts), as /api/login does for the access code.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

async function handle(request: Request): Promise<Response> {
  if (!isAccountsMode()) return jsonError("not_found", "Accounts are off on this server (no AUTH_SECRET).");
  const refusal = accountsModeRefusal();
  if (refusal) return jsonError("accounts_unavailable", refusal, { "Cache-Control": "no-store" });
  let response: Response;
  try {
    response = await (await getAuth()).handler(request);
  } catch (error) {
    return storeUnavailable(error);
  }
  const rule = rateLimitRule();
  if (rule && request.method === "POST" && new URL(request.url).pathname === "/api/auth/sign-in/email") {
    await recordSignIn(clientAddress(request.headers), response.ok, rule, rateLimitStore());
  }
  return withSecureCookies(response, isHttps(request));
}

export { handle as GET, handle as POST };
