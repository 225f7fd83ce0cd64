import { test } from "@playwright/test";
import { type AppServer, startApp } from "../../lib/testing/app-server";
import { UPSTREAM } from "../pages/chat-page";

/**
 * A second `next start` of the same build with ACCESS_CODE set, for the file that calls this:
 * Playwright's own server runs without one (every other spec needs it open). Started before the
 * file's tests, stopped after them; the returned function gives the running app.
 */
export function withGuardedApp(accessCode: string): () => AppServer {
  let app: AppServer | undefined;
  test.describe.configure({ mode: "serial" });
  test.beforeAll(async () => {
    test.setTimeout(90_000);
    app = await startApp({
      DEEPSEEK_API_KEY: "sk-test",
      DEEPSEEK_BASE_URL: UPSTREAM,
      DEEPSEEK_MODELS: "deepseek-flash,deepseek-v4-pro",
      STOCK_QUOTE_BASE_URL: `${UPSTREAM}/quote`,
      ACCESS_CODE: accessCode,
    });
    await warmHistory(app.url, accessCode);
  });
  test.afterAll(async () => {
    await app?.close();
  });
  return () => {
    if (!app) throw new Error("the guarded app is not running");
    return app;
  };
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
