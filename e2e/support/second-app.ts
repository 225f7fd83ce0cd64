import { test } from "@playwright/test";
import { type AppServer, startApp } from "../../lib/testing/app-server";
import { UPSTREAM } from "../pages/chat-page";

/**
 * A second `next start` of the same build, with `env` on top of the usual test settings, for the
 * file that calls this: Playwright's own server runs open and with a store (every other spec needs
 * it so). Started before the file's tests (then `warm`, if given), stopped after them; the returned
 * function gives the running app.
 */
export function withSecondApp(
  env: Record<string, string>,
  warm?: (app: AppServer) => Promise<void>,
): () => AppServer {
  let app: AppServer | undefined;
  test.describe.configure({ mode: "serial" });
  test.beforeAll(async () => {
    test.setTimeout(90_000);
    app = await startApp({
      DEEPSEEK_API_KEY: "sk-test",
      DEEPSEEK_BASE_URL: UPSTREAM,
      DEEPSEEK_MODELS: "deepseek-flash,deepseek-v4-pro",
      STOCK_QUOTE_BASE_URL: `${UPSTREAM}/quote`,
      ...env,
    });
    await warm?.(app);
  });
  test.afterAll(async () => {
    await app?.close();
  });
  return () => {
    if (!app) throw new Error("the second app is not running");
    return app;
  };
}

/** The second app with ACCESS_CODE set, its store already open. */
export function withGuardedApp(accessCode: string): () => AppServer {
  return withSecondApp({ ACCESS_CODE: accessCode }, (app) => warmHistory(app.url, accessCode));
}

/**
 * Signs in once and reads the history, so the store (opened by its first request, which can take
 * seconds on a busy machine) is open before a test waits for an answer.
 */
async function warmHistory(url: string, accessCode: string): Promise<void> {
  const login = await fetch(`${url}/api/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ code: accessCode }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const history = await fetch(`${url}/api/conversations`, { headers: { cookie } });
  if (history.status !== 200) throw new Error(`the guarded app's history answered ${history.status}`);
}
