// A browser's cookies, as much of them as a sign-in test needs: kept per origin (a browser keeps
// them per host, but the app and the test's provider share 127.0.0.1; keeping them apart keeps
// each side's cookies its own), paths and SameSite ignored, deletions honoured.

export class CookieJar {
  private readonly byOrigin = new Map<string, Map<string, string>>();

  /** Takes the Set-Cookie headers of a response to a request for `url`. */
  store(url: string, response: Response): void {
    const origin = new URL(url).origin;
    const cookies = this.byOrigin.get(origin) ?? new Map<string, string>();
    this.byOrigin.set(origin, cookies);
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const at = pair.indexOf("=");
      if (at <= 0) continue;
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (expired(attributes) || value === "") cookies.delete(name);
      else cookies.set(name, value);
    }
  }

  /** The Cookie header a request for `url` carries, or undefined with none. */
  header(url: string): string | undefined {
    const cookies = this.byOrigin.get(new URL(url).origin);
    if (!cookies || cookies.size === 0) return undefined;
    return [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  get(url: string, name: string): string | undefined {
    return this.byOrigin.get(new URL(url).origin)?.get(name);
  }
}

function expired(attributes: string[]): boolean {
  for (const attribute of attributes) {
    const [key = "", value = ""] = attribute.split("=").map((part) => part.trim());
    if (key.toLowerCase() === "max-age" && Number(value) <= 0) return true;
    if (key.toLowerCase() === "expires" && Date.parse(value) < Date.now()) return true;
  }
  return false;
}
