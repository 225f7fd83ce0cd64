import { expect, test } from "@playwright/test";
import { type AppServer, freePort, startApp } from "../lib/testing/app-server";
import {
  OIDC_TEST_DOMAIN,
  OIDC_TEST_USERS,
  type OidcServer,
  startOidcServer,
} from "../lib/testing/oidc-server";
import { UPSTREAM } from "./pages/chat-page";

// "Continue with <OIDC_NAME>" in Chromium, through a real OpenID Connect provider run here
// (oidc-provider on 127.0.0.1, its development login and consent pages): a verified address at an
// allowed domain lands in the chat, an unverified one waits for approval.

/** Signs up with a password first, so her provider identity meets an account it may not take. */
const GRACE = {
  login: "grace",
  email: `grace@${OIDC_TEST_DOMAIN}`,
  emailVerified: true,
  name: "Grace Hopper",
};

let oidc: OidcServer;
let app: AppServer;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(90_000);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  oidc = await startOidcServer({
    redirectUris: [`${url}/api/auth/callback/oidc`],
    users: [...Object.values(OIDC_TEST_USERS), GRACE],
  });
  app = await startApp({
    DEEPSEEK_API_KEY: "sk-test",
    DEEPSEEK_BASE_URL: UPSTREAM,
    PORT: String(port),
    AUTH_SECRET: "a playwright secret of at least 32 characters",
    PUBLIC_URL: url,
    SIGNUP_ALLOWED_DOMAINS: OIDC_TEST_DOMAIN,
    ADMIN_EMAILS: "owner@elsewhere.example",
    OIDC_ISSUER: oidc.issuer,
    OIDC_CLIENT_ID: oidc.clientId,
    OIDC_CLIENT_SECRET: oidc.clientSecret,
    OIDC_NAME: "Team SSO",
  });
  // The first request opens the store and Better Auth (which reads the issuer's discovery
  // document): seconds on a busy machine, paid here rather than by the first click.
  const warm = await fetch(`${url}/api/auth/get-session`);
  expect(warm.status).toBe(200);
});

test.afterAll(async () => {
  await app?.close();
  await oidc?.close();
});

async function continueWithTeamSso(page: import("@playwright/test").Page, login: string) {
  await page.goto(`${app.url}/sign-in`);
  await page.getByRole("button", { name: "Continue with Team SSO" }).click();
  await expect(page).toHaveURL(new RegExp(`^${oidc.issuer}/interaction/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  // The provider asks once whether the app may have the email and profile.
  await page.getByRole("button", { name: "Continue" }).click();
}

test("a verified address at an allowed domain signs in and lands in the chat", async ({ page }) => {
  await continueWithTeamSso(page, OIDC_TEST_USERS.verified.login);
  await expect(page).toHaveURL(`${app.url}/`);
  await expect(page.getByTestId("composer-input")).toBeVisible();
});

test("an address the provider did not verify waits for an admin", async ({ page }) => {
  await continueWithTeamSso(page, OIDC_TEST_USERS.unverified.login);
  await expect(page.getByTestId("account-pending")).toContainText(OIDC_TEST_USERS.unverified.email);
});

test("the button speaks Chinese on a Chinese browser", async ({ browser }) => {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await page.goto(`${app.url}/sign-in`);
  await expect(page.getByTestId("provider-oidc")).toHaveText("使用 Team SSO 继续");
  await context.close();
});

test("an identity whose address a password account already has is not linked, and the page says so", async ({
  page,
}) => {
  const signUp = await fetch(`${app.url}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: app.url },
    body: JSON.stringify({ email: GRACE.email, password: "a long enough password", name: GRACE.name }),
  });
  expect(signUp.status).toBe(200);
  await continueWithTeamSso(page, GRACE.login);
  await expect(page).toHaveURL(/\/sign-in\?error=account_not_linked/);
  await expect(page.getByTestId("provider-error")).toHaveAttribute("data-kind", "notLinked");
  await expect(page.getByTestId("provider-error")).toContainText("sign in the way you did before");
});
