import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { ChatPage, uniqueTag } from "./pages/chat-page";
import { withGuardedApp } from "./support/second-app";

// The login page in a real browser. Playwright's own server runs without ACCESS_CODE (every other
// spec needs it open), so this file starts a second, guarded `next start` of the same build,
// against the same scripted upstream.

const ACCESS_CODE = "browser-secret-7";

const guarded = withGuardedApp(ACCESS_CODE);

test("a signed-out reader signs in, lands where they were going, chats, and signs out", async ({ page }) => {
  await page.goto(`${guarded().url}/?from=link`);
  await expect(page).toHaveURL(`${guarded().url}/login?next=%2F%3Ffrom%3Dlink`);
  const code = page.getByTestId("access-code-input");
  await expect(code).toBeFocused();

  await code.fill("not-it");
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("login-error")).toHaveText("That access code is not right.");
  await expect(code).toHaveAttribute("aria-invalid", "true");

  await code.fill(ACCESS_CODE);
  await code.press("Enter");
  await expect(page).toHaveURL(`${guarded().url}/?from=link`);
  const chat = new ChatPage(page);
  await chat.waitUntilReady();
  const cookie = (await page.context().cookies()).find((c) => c.name === "access_code");
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
  expect(cookie?.value).not.toContain(ACCESS_CODE);

  // The chat's own requests (same origin, with the cookie) pass the proxy.
  await chat.ask(`分析一下 600519 ${uniqueTag()} [[scenario:tool]]`);
  await chat.expectAnswered();
  await expect(chat.lastAnswer().getByTestId("tool-card").first()).toBeVisible();

  expect((await page.request.delete(`${guarded().url}/api/login`)).status()).toBe(204);
  await page.goto(`${guarded().url}/`);
  await expect(page).toHaveURL(`${guarded().url}/login?next=%2F`);
});

test.describe("in Chinese", () => {
  test.use({ locale: "zh-CN" });

  test("the login page speaks the reader's language, switches, and passes an accessibility scan", async ({
    page,
  }) => {
    await page.goto(`${guarded().url}/login`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("请输入访问码");
    await expect(page.getByLabel("访问码", { exact: true })).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

    await page.getByTestId("locale-en").click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Enter the access code");
    await page.getByTestId("access-code-input").fill("wrong");
    await page.getByTestId("login-submit").click();
    await expect(page.getByTestId("login-error")).toHaveText("That access code is not right.");
  });
});
