// The share page `/s/<id>` (PROTOCOL.md section 13): the one page anyone may read without the access
// code, with a tighter policy than the chat's. `path` as the router matches it (request-guard.ts
// routePath): decoded, so no encoded slash or dot turns it into another route.

const SHARE_PAGE = /^\/s\/[A-Za-z0-9_-]{1,64}\/?$/;

export function isSharePage(path: string): boolean {
  return SHARE_PAGE.test(path);
}

/** What a share page's answer carries besides its CSP: kept out of search engines, and its id out of Referer. */
export const SHARE_PAGE_HEADERS: Readonly<Record<string, string>> = {
  "X-Robots-Tag": "noindex, nofollow",
  "Referrer-Policy": "no-referrer",
};
