import { expect, type Page, test } from "@playwright/test";
import { ChatPage, uniqueTag } from "./pages/chat-page";

// Tool settings (PROTOCOL.md section 25) in the browser: the settings page shows the failed server
// playwright.config.ts configures, with its reason, in both languages; the composer's Tools menu
// switches a tool off for one conversation, and the upstream request goes without it. The app's
// owner is shared by every spec, so nothing here changes a setting another spec's answers use.

const SHOTS = process.env.UPDATE_SCREENSHOTS === "1" ? "e2e/screenshots" : "test-results/screenshots";

async function openSettings(page: Page): Promise<void> {
  await page.goto("/settings/tools");
  await expect(page.getByTestId("tools-screen")).toHaveAttribute("data-ready", "true");
}

test("the settings page shows each server, the failed one with its reason, in English and Chinese", async ({
  browser,
}) => {
  for (const locale of ["en", "zh-CN"]) {
    const context = await browser.newContext({ locale, viewport: { width: 1000, height: 1100 } });
    const page = await context.newPage();
    await openSettings(page);
    const broken = page.locator('[data-testid="server-card"][data-server="broken"]');
    await expect(broken.getByTestId("server-status")).toHaveText(locale === "en" ? "Failed" : "连接失败");
    await expect(broken.getByTestId("server-error")).toContainText(
      /definitely-not-a-command-4711|not found|ENOENT/i,
    );
    const builtin = page.locator('[data-testid="server-card"][data-server="builtin"]');
    await expect(builtin.getByTestId("server-status")).toHaveText(locale === "en" ? "Connected" : "已连接");
    await expect(builtin.getByTestId("tool-row")).toHaveCount(3);
    // Each tool's input schema is there, folded.
    const stock = builtin.locator('[data-testid="tool-row"][data-tool="get_stock_info"]');
    await stock
      .getByText(locale === "en" ? "Input schema" : "输入参数")
      .first()
      .click();
    await expect(stock.getByText('"code"').first()).toBeVisible();
    await page.screenshot({
      path: `${SHOTS}/tool-settings-${locale === "en" ? "en" : "zh"}.png`,
      animations: "disabled",
      fullPage: true,
    });
    await context.close();
  }
});

test("a server switched off on the settings page stays off after a reload, and back on", async ({ page }) => {
  await openSettings(page);
  // The broken server: no spec's answers use it.
  const card = () => page.locator('[data-testid="server-card"][data-server="broken"]');
  await card().getByTestId("server-switch").click();
  await expect(card().getByTestId("server-switch")).toHaveAttribute("aria-checked", "false");
  await openSettings(page);
  await expect(card().getByTestId("server-switch")).toHaveAttribute("aria-checked", "false");
  await card().getByTestId("server-switch").click();
  await expect(card().getByTestId("server-switch")).toHaveAttribute("aria-checked", "true");
});

test("a tool switched off in the composer's menu is not in the upstream request, for that conversation", async ({
  page,
}) => {
  const chat = new ChatPage(page);
  await chat.goto();
  const first = uniqueTag();
  await chat.ask(`before ${first}`);
  await chat.expectAnswered();
  const offered = async (tag: string) =>
    ((await chat.upstreamRequests(tag))[0]?.body?.tools ?? []).map((tool) => tool.function?.name);
  expect(await offered(first)).toContain("get_stock_info");

  await page.getByTestId("tools-menu-button").click();
  const menu = page.getByTestId("tools-menu");
  await menu.locator('[data-tool="get_stock_info"] input').uncheck();
  await expect(page.getByTestId("tools-menu-count")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/tools-menu-en.png`, animations: "disabled" });
  await page.keyboard.press("Escape");
  await expect(menu).toHaveCount(0);

  const second = uniqueTag();
  await chat.ask(`after ${second}`);
  await chat.expectAnswered();
  const names = await offered(second);
  expect(names).not.toContain("get_stock_info");
  expect(names).toContain("calculate");

  // The conversation keeps its switch across a reload; a new chat starts with every tool.
  await chat.reload();
  await page.getByTestId("tools-menu-button").click();
  await expect(
    page.getByTestId("tools-menu").locator('[data-tool="get_stock_info"] input'),
  ).not.toBeChecked();
  await page.keyboard.press("Escape");
  await page.getByTestId("new-chat").first().click();
  await expect(page.getByTestId("tools-menu-count")).toHaveCount(0);
});
