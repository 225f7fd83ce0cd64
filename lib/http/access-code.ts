import "server-only";
import { timingSafeEqual } from "node:crypto";
import { jsonError } from "./responses";

// ACCESS_CODE, when set, must come with the request as `Authorization: Bearer <code>` (API
// clients, MCP clients) or the `access_code` cookie (the browser, issue 5's login page).
// Compared in constant time so the code cannot be guessed byte by byte from response times.

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function presented(request: Request): string | undefined {
  const header = request.headers.get("authorization");
  const bearer = header?.match(/^Bearer\s+(.+)$/i)?.[1];
  if (bearer) return bearer.trim();
  const cookie = request.headers.get("cookie") ?? "";
  const match = cookie.match(/(?:^|;\s*)access_code=([^;]*)/);
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}

/** A 401 response when the request lacks the access code, else undefined. */
export function requireAccessCode(request: Request, env: Record<string, string | undefined> = process.env) {
  const expected = env.ACCESS_CODE?.trim();
  if (!expected) return undefined;
  const given = presented(request);
  if (given !== undefined && sameSecret(given, expected)) return undefined;
  return jsonError(
    401,
    "unauthorized",
    "This server needs its access code: send Authorization: Bearer <ACCESS_CODE>.",
    {
      "WWW-Authenticate": 'Bearer realm="deepseek-chat"',
    },
  );
}
