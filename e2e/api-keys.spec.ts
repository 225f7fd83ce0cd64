import { type Browser, expect, type Page, test } from "@playwright/test";
import { ChatPage, uniqueTag } from "./pages/chat-page";
import { withSecondApp } from "./support/second-app";

// Personal API keys (PROTOCOL.md section 15) in a browser, on a second app of the build in accounts
// mode: create a key from the account menu, see it once and copy it, use it from the test with
// fetch, revoke it, and it stops working. Pictures of the dialog in English and Chinese.
const SHOTS = process.env.UPDATE_SCREENSHOTS === "1" ? "e2e/screenshots" : "test-results/screenshots";
const PASSWORD = "correct horse battery";

const app = withSecondApp(
  { AUTH_SECRET: "playwright-api-keys-secret-0123456789", SIGNUP: "open", RATE_LIMIT_PER_MIN: "0" },
  async (server) => {
    // Opens the store (and the accounts library) before the first test waits on a page.
    const session = await fetch(`${server.url}/api/auth/get-session`);
    if (!session.ok) throw new Error(`the accounts app answered ${session.status}`);
  },
);

async function signedUp(browser: Browser, locale: "en-US" | "zh-CN"): Promise<Page> {
  const context = await browser.newContext({ baseURL: app().url, locale });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app().url });
  const page = await context.newPage();
  await page.goto("/sign-up");
  await page.getByTestId("name-input").fill("Dee");
  await page.getByTestId("email-input").fill(`dee-${uniqueTag()}@example.com`);
  await page.getByTestId("password-input").fill(PASSWORD);
  await page.getByTestId("sign-up-submit").click();
  await new ChatPage(page).waitUntilReady();
  return page;
}

async function openKeys(page: Page): Promise<void> {
  await page.getByTestId("account-button").click();
  await page.getByTestId("menu-api-keys").click();
  await expect(page.getByTestId("api-keys-dialog")).toBeVisible();
  await expect(page.getByTestId("api-keys-loading")).toHaveCount(0);
}

async function createKey(page: Page, name: string): Promise<string> {
  await page.getByTestId("api-key-name").fill(name);
  await page.getByTestId("create-api-key").click();
  const shown = page.getByTestId("new-api-key");
  await expect(shown).toHaveValue(/^dsk_[\w-]{43}$/);
  return shown.inputValue();
}

const conversationsWith = (key: string) =>
  fetch(`${app().url}/api/conversations`, { headers: { authorization: `Bearer ${key}` } });

test("a key is made in the account menu, shown once, works from a script, and stops when revoked", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const page = await signedUp(browser, "en-US");
  await openKeys(page);
  await expect(page.getByTestId("api-key-list")).toHaveCount(0);
  const key = await createKey(page, "laptop cli");
  await page.getByTestId("copy-api-key").click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
  const item = page.getByTestId("api-key-item");
  await expect(item).toHaveCount(1);
  await expect(item).toContainText("laptop cli");
  await expect(item).toContainText(`${key.slice(0, 10)}…`);
  await expect(item).toContainText("never used");
  await page.getByTestId("api-keys-dialog").screenshot({ path: `${SHOTS}/api-keys-dialog-en.png` });

  expect((await conversationsWith(key)).status).toBe(200);

  // Closed and opened again: the list, never the key.
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("api-keys-dialog")).toHaveCount(0);
  await openKeys(page);
  await expect(page.getByTestId("new-api-key")).toHaveCount(0);
  await expect(page.getByTestId("api-keys-dialog")).not.toContainText(key);
  await expect(item).toContainText("last used");

  await item.getByTestId("revoke-api-key").click();
  await item.getByTestId("confirm-revoke-api-key").click();
  await expect(item).toHaveCount(0);
  const refused = await conversationsWith(key);
  expect(refused.status).toBe(401);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toContain("revoked");
  await page.context().close();
});

test("the API keys dialog in Chinese", async ({ browser }) => {
  test.setTimeout(60_000);
  const page = await signedUp(browser, "zh-CN");
  await page.getByTestId("account-button").click();
  await expect(page.getByTestId("menu-api-keys")).toHaveText("API 密钥");
  await page.getByTestId("menu-api-keys").click();
  await expect(page.getByTestId("api-keys-loading")).toHaveCount(0);
  await expect(page.getByTestId("api-keys-dialog")).toContainText("还没有密钥。");
  await createKey(page, "笔记本命令行");
  await expect(page.getByTestId("api-keys-dialog")).toContainText("请现在复制");
  await expect(page.getByTestId("api-key-item")).toContainText("从未使用");
  await page.getByTestId("api-keys-dialog").screenshot({ path: `${SHOTS}/api-keys-dialog-zh.png` });
  await page.context().close();
});
