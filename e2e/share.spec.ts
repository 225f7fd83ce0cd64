import { expect, test } from "@playwright/test";
import { uniqueTag } from "./pages/chat-page";
import { HistoryPage } from "./pages/history-page";
import { ShareDialog, SharedPage } from "./pages/share-page";

// Share links (PROTOCOL.md section 13): the owner shares the open conversation from the header;
// anyone with the link, in a browser that has never been here, reads a copy of it as it was, with
// the reasoning folded and the tool card; the owner revokes it and the page is gone.

test("a share link opens in a fresh browser, shows the copy as it was, and 404s once revoked", async ({
  browser,
}) => {
  const tag = uniqueTag();
  const ownerContext = await browser.newContext();
  const chat = new HistoryPage(await ownerContext.newPage());
  await chat.goto();
  // A new chat has nothing on the server to share yet.
  await expect(chat.page.getByTestId("share")).toHaveCount(0);
  await chat.ask(`分析一下 600519 ${tag} [[scenario:tool]]`);
  await chat.expectAnswered();
  await expect(chat.lastAnswer().getByTestId("reasoning-panel")).toHaveCount(2);

  const share = new ShareDialog(chat.page);
  await share.open();
  const url = await share.createLink();
  expect(new URL(url).origin).toBe(new URL(chat.page.url()).origin);
  await expect(share.item(url)).toContainText(`分析一下 600519 ${tag}`);
  await chat.page.keyboard.press("Escape");
  await expect(share.dialog).toHaveCount(0);

  // What comes after the link never shows through it.
  await chat.ask(`later question ${tag}`);
  await chat.expectAnswered();

  const readerContext = await browser.newContext();
  expect(await readerContext.cookies()).toEqual([]);
  const readerPage = await readerContext.newPage();
  const violations: string[] = [];
  readerPage.on("console", (message) => {
    if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await readerPage.goto(url);
  expect(response?.status()).toBe(200);
  const reader = new SharedPage(readerPage);
  await expect(readerPage.getByTestId("shared-badge")).toHaveText("Shared conversation · read only");
  await expect(reader.title).toContainText(`分析一下 600519 ${tag}`);
  await expect(reader.userMessages).toHaveText([`分析一下 600519 ${tag} [[scenario:tool]]`]);
  await expect(reader.assistantMessages).toHaveCount(1);
  await expect(readerPage.getByText(`later question ${tag}`)).toHaveCount(0);
  const answer = reader.assistantMessages.first();
  // Reasoning (before and after the tool round) folded, and opens on demand.
  const reasoning = answer.getByTestId("reasoning-text");
  await expect(reasoning).toHaveCount(2);
  for (const text of await reasoning.all()) await expect(text).toBeHidden();
  await answer.getByTestId("reasoning-toggle-panel").first().click();
  await expect(reasoning.first()).toBeVisible();
  await expect(reasoning.first()).not.toBeEmpty();
  // The tool card, with its arguments and result.
  const card = answer.getByTestId("tool-card");
  await expect(card).toHaveAttribute("data-tool", "get_stock_info");
  await card.getByRole("button").first().click();
  await expect(card).toContainText("600519");
  // Read only: nothing to edit, regenerate or type into.
  await expect(readerPage.getByTestId("edit")).toHaveCount(0);
  await expect(readerPage.getByTestId("regenerate")).toHaveCount(0);
  await expect(readerPage.getByTestId("composer-input")).toHaveCount(0);
  // The page's policy lets it call nothing, the chat API least of all.
  const called = await readerPage.evaluate(() =>
    fetch("/api/conversations").then(
      () => "answered",
      () => "blocked",
    ),
  );
  expect(called).toBe("blocked");
  expect(violations.filter((v) => !v.includes("/api/conversations"))).toEqual([]);

  await share.open();
  await share.revoke(url);
  const gone = await readerPage.goto(url);
  expect(gone?.status()).toBe(404);
  await expect(reader.gone).toContainText("This link does not work");
  await expect(reader.title).toHaveCount(0);
  await Promise.all([ownerContext.close(), readerContext.close()]);
});

// Pictures for people, in both languages: the share dialog with a link made, and the page it leads to.
const SHOTS = process.env.UPDATE_SCREENSHOTS === "1" ? "e2e/screenshots" : "test-results/screenshots";

for (const [locale, name] of [
  ["en-US", "en"],
  ["zh-CN", "zh"],
] as const) {
  test(`screenshot: the share dialog and the shared page (${name})`, async ({ browser }) => {
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
    const chat = new HistoryPage(await context.newPage());
    await chat.goto();
    await chat.ask(`分析一下 600519 ${uniqueTag()} [[scenario:tool]]`);
    await chat.expectAnswered();
    const share = new ShareDialog(chat.page);
    await share.open();
    const url = await share.createLink();
    await chat.page.screenshot({ path: `${SHOTS}/share-dialog-${name}.png`, animations: "disabled" });

    const reader = await (
      await browser.newContext({ locale, viewport: { width: 1280, height: 800 } })
    ).newPage();
    await reader.goto(url);
    await expect(new SharedPage(reader).title).toBeVisible();
    await expect(reader.locator(".markdown").first()).toBeVisible();
    await reader.screenshot({ path: `${SHOTS}/share-page-${name}.png`, animations: "disabled" });
    await Promise.all([context.close(), reader.context().close()]);
  });
}
