import { type NextRequest, NextResponse } from "next/server";
import { guardRequest } from "@/lib/http/request-guard";

// Next 16's request proxy (formerly middleware; Node.js runtime): one gate in front of every page
// and API route for the access code, foreign origins, CORS and the rate limit. The rules live in
// lib/http/request-guard.ts; route handlers may still check the access code themselves.

export async function proxy(request: NextRequest): Promise<Response> {
  const verdict = await guardRequest(request);
  if (verdict.response) return verdict.response;
  const response = NextResponse.next();
  for (const [name, value] of Object.entries(verdict.headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but Next's build assets, the app icon and the login page (which must load signed out).
  matcher: ["/((?!_next/static/|_next/image|favicon\\.ico$|icon\\.svg$|login$).*)"],
};
