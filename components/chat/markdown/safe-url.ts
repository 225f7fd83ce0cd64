import { defaultUrlTransform } from "react-markdown";

// A URL in an answer is chosen by whoever wrote the text the model read (a web page, a tool
// result). An image loads by itself and a link is one click away, both with the reader's cookies;
// pointed at this app's own API (`![x](/api/chat?prompt=…)`) they would start a model run, or any
// other GET the API has, in the reader's name. So answers never link or embed the app's API.

const API_PATH = /^\/api(?:\/|$)/i;

/**
 * react-markdown's urlTransform: its default (only http, https, mailto and the like, else "") and
 * then "" for the app's own API. An empty URL renders as text (see markdown-block.tsx).
 */
export function safeUrl(url: string, page: string = globalThis.location?.href ?? ""): string {
  const safe = defaultUrlTransform(url);
  return safe && isOwnApiUrl(safe, page) ? "" : safe;
}

/**
 * Whether `url`, resolved against the page at `page`, is on the page's host and its path, decoded
 * as the server would, is `/api` or under it. The host, not the origin: the reader's cookies go to
 * any port and scheme of it (an http:// image on an https:// page is upgraded, not blocked).
 */
export function isOwnApiUrl(url: string, page: string): boolean {
  let target: URL;
  let here: URL;
  try {
    here = new URL(page);
    target = new URL(url, here);
  } catch {
    // No page to resolve against (never in the browser): judge the path alone.
    return API_PATH.test(normalisedPath(url.split(/[?#]/)[0] ?? ""));
  }
  if (hostOf(target) !== hostOf(here)) return false;
  return API_PATH.test(normalisedPath(target.pathname));
}

function hostOf(url: URL): string {
  // `example.com.` is the same host to DNS and to the server.
  return url.hostname.replace(/\.$/, "");
}

/**
 * The path after percent-decoding (`/%61pi/` is `/api/`, `%2561` decodes twice), with backslashes
 * and doubled slashes made single and dot segments resolved, as a lenient server might.
 */
function normalisedPath(path: string): string {
  let decoded = path;
  for (let round = 0; round < 3; round++) {
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      break;
    }
    if (next === decoded) break;
    decoded = next;
  }
  const single = `/${decoded.replace(/[\\/]+/g, "/").replace(/^\//, "")}`;
  try {
    return new URL(single, "http://path.invalid").pathname;
  } catch {
    return single;
  }
}
