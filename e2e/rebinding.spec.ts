import { expect, test } from "@playwright/test";
import { chromiumPath } from "../lib/testing/chromium-path.mjs";

// DNS rebinding in a real browser: Chromium resolves rebind.test to 127.0.0.1, as an attacker's
// DNS would after its page has loaded. The open app (no access code) must not answer that name, so
// a page there can neither load the app nor call its API; localhost works as ever.

const appPort = Number(process.env.E2E_APP_PORT ?? 3210);
const executablePath = chromiumPath();

test.use({
  launchOptions: {
    ...(executablePath ? { executablePath } : {}),
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--host-resolver-rules=MAP rebind.test 127.0.0.1",
      // Chromium's own Local Network Access checks would stop the page's fetches before they left
      // the browser; off here, to stand for browsers without them and test the server's defence.
      "--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights",
    ],
  },
});

test("a page reached through a rebound name gets 421, and its scripts cannot use the API", async ({
  page,
}) => {
  const response = await page.goto(`http://rebind.test:${appPort}/`);
  expect(response?.status()).toBe(421);
  await expect(page.locator("body")).toContainText("ALLOWED_HOSTS");

  // The attacker's own page, as its server sent it before the name was rebound (the browser only
  // sees its origin, http://rebind.test:<port>); everything it fetches next goes to this machine.
  const attackPage = `http://rebind.test:${appPort}/attack.html`;
  await page.route(attackPage, (route) =>
    route.fulfill({ contentType: "text/html", body: "<!doctype html><title>totally harmless</title>" }),
  );
  await page.goto(attackPage);
  const api = await page.evaluate(async () => {
    const tools = await fetch("/api/tools");
    const chat = await fetch("/api/chat", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ prompt: "list my files", stream: false }),
    });
    return [tools.status, chat.status];
  });
  expect(api).toEqual([421, 421]);

  const home = await page.goto(`http://localhost:${appPort}/`);
  expect(home?.status()).toBe(200);
  await expect(page.locator("[data-ready]")).toBeVisible();
});
