// Where /login sends the reader after the code is accepted. Only a path on this site: `next` comes
// from the URL, so anything else would make the login page an open redirect (`//evil.example`,
// `/\evil.example` and `https://…` all leave the site in a browser).

const HOME = "/";
const BASE = "http://next.invalid";

export function safeNextPath(value: unknown): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== "string" || !raw.startsWith("/")) return HOME;
  // Browsers read "\" as "/" and drop tabs and newlines, so "/\t/evil" is "//evil" to them.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses.
  if (/[\\\u0000-\u001f\u007f]/.test(raw)) return HOME;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return HOME;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can normalise into "//host" ("/.//evil.example"); back to /login would loop.
  if (url.origin !== BASE || path.startsWith("//") || url.pathname === "/login") return HOME;
  return path;
}
