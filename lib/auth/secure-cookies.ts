// Better Auth writes its cookies without Secure (auth.ts: one install may be reached over http on
// localhost and over https behind a proxy); a browser that came over https gets them Secure.

export function secureCookie(setCookie: string, https: boolean): string {
  return https && !/;\s*secure(?:;|$)/i.test(setCookie) ? `${setCookie}; Secure` : setCookie;
}

/** A copy of `response` whose Set-Cookie headers are Secure when the browser came over https. */
export function withSecureCookies(response: Response, https: boolean): Response {
  const cookies = response.headers.getSetCookie();
  if (!https || cookies.length === 0) return response;
  const headers = new Headers(response.headers);
  headers.delete("set-cookie");
  for (const cookie of cookies) headers.append("set-cookie", secureCookie(cookie, true));
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
