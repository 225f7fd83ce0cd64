import type { CookieJar } from "./cookie-jar";

// Walks a sign-in as a browser would, without one: follows each redirect by hand with the cookie
// jar, and on the test provider's pages (oidc-server.ts) posts its login form, then its consent
// form. It stops at the first redirect `done` accepts, after the request before it was answered,
// so the app's callback has run and set its cookies.

export type Transport = (request: Request) => Promise<Response>;

export interface ProviderLoginOptions {
  jar: CookieJar;
  /** The login name to type into the provider's form. */
  login: string;
  done: (url: URL) => boolean;
  /** How a request reaches its server; the app may be a handler in the test's own process. */
  transport?: (url: URL) => Transport;
}

const MAX_STEPS = 20;

const network: Transport = (request) => fetch(request, { redirect: "manual" });

export async function loginAtProvider(start: string, options: ProviderLoginOptions): Promise<URL> {
  const { jar, login, done } = options;
  let request = new Request(start);
  for (let step = 0; step < MAX_STEPS; step++) {
    const url = new URL(request.url);
    const cookie = jar.header(url.href);
    if (cookie) request.headers.set("cookie", cookie);
    const response = await (options.transport?.(url) ?? network)(request);
    jar.store(url.href, response);
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      const next = new URL(location, url);
      if (done(next)) return next;
      request = new Request(next);
      continue;
    }
    const page = await response.text();
    const form = providerForm(page, login);
    if (!response.ok || !form) {
      throw new Error(`unexpected answer from ${url.href} (${response.status}): ${page.slice(0, 500)}`);
    }
    request = new Request(new URL(form.action, url), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form.body,
    });
  }
  throw new Error(`no end after ${MAX_STEPS} steps from ${start}`);
}

/** The login or consent form of oidc-provider's development interactions, filled in. */
function providerForm(page: string, login: string): { action: string; body: URLSearchParams } | undefined {
  const action = /<form[^>]*action="([^"]+)"[^>]*method="post"/i.exec(page)?.[1];
  const prompt = /name="prompt" value="(login|consent)"/.exec(page)?.[1];
  if (!action || !prompt) return undefined;
  const body = new URLSearchParams({ prompt });
  if (prompt === "login") {
    body.set("login", login);
    body.set("password", "any password: the test provider checks none");
  }
  return { action: action.replaceAll("&amp;", "&"), body };
}
