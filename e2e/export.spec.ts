import { readFile, writeFile } from "node:fs/promises";
import { expect, type Locator, test } from "@playwright/test";
import { titleFrom } from "../lib/chat-client/title-from";
import { fileStem } from "../lib/history/attachment";
import { uniqueTag } from "./pages/chat-page";
import { HistoryPage } from "./pages/history-page";

// Export and import from the sidebar (PROTOCOL.md section 12): a conversation's menu downloads it
// as Markdown or JSON, the foot downloads everything and imports a file. The suite's app has one
// owner (no access code), so an import lands beside what it was exported from, as copies.

const SHOTS = process.env.UPDATE_SCREENSHOTS === "1" ? "e2e/screenshots" : "test-results/screenshots";

/** Downloads what clicking `link` downloads; its suggested name and its text. */
async function download(chat: HistoryPage, link: Locator): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([chat.page.waitForEvent("download"), link.click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: await readFile(path, "utf8") };
}

async function openMenu(chat: HistoryPage, row: Locator): Promise<void> {
  await row.hover();
  await row.getByTestId("conversation-menu").click();
  await expect(chat.page.getByRole("menu")).toBeVisible();
}

test("a conversation's menu downloads it as Markdown that reads as the chat did", async ({ page }) => {
  const chat = new HistoryPage(page);
  const tag = uniqueTag();
  await chat.goto();
  const question = `Look up 600519 ${tag} [[scenario:tool]]`;
  const title = titleFrom(question);
  await chat.ask(question);
  await chat.expectAnswered();
  const answer = (await chat.lastAnswer().locator(".markdown").textContent()) ?? "";
  expect(answer).not.toBe("");

  const row = chat.conversationsWith(tag);
  await openMenu(chat, row);
  // The keyboard walks the menu, and Escape gives the focus back to its button.
  await expect(page.getByTestId("export-markdown")).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByTestId("export-json")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toHaveCount(0);
  await expect(row.getByTestId("conversation-menu")).toBeFocused();

  await openMenu(chat, row);
  const markdown = await download(chat, page.getByTestId("export-markdown"));
  expect(markdown.name).toBe(`${fileStem(title)}.md`);
  expect(markdown.text.split("\n")[0]).toBe(`# ${title}`);
  expect(markdown.text).toContain(`## You\n\n${question}\n`);
  expect(markdown.text).toContain("## DeepSeek");
  expect(markdown.text).toMatch(
    /<summary>Tool: <code>get_stock_info<\/code> \(builtin\) · Done in [\d.]+ m?s<\/summary>/,
  );
  expect(markdown.text).toContain('"code": "600519"');
  expect(markdown.text).toContain(answer.trim().slice(0, 20));
  expect(markdown.text).toMatch(
    /<sub>deepseek-flash · \$[\d.]+ \/ ¥[\d.]+ \(prices as of \d{4}-\d{2}-\d{2}\) · prompt [\d,]+ · completion/,
  );
  await expect(page.getByRole("menu")).toHaveCount(0);
});

test("export all downloads every conversation; importing a file adds copies under new ids, and a bad file is refused", async ({
  page,
}, testInfo) => {
  const chat = new HistoryPage(page);
  const tag = uniqueTag();
  await chat.goto();
  await chat.ask(`kept for the move ${tag}`);
  await chat.expectAnswered();
  const id = await chat.conversationId();

  const all = await download(chat, page.getByTestId("export-all"));
  expect(all.name).toMatch(/^deepseek-chat-\d{4}-\d{2}-\d{2}\.json$/);
  const file = JSON.parse(all.text);
  expect(file).toMatchObject({ format: "deepseek-chat-export", version: 1 });
  const mine = file.conversations.filter((c: { id: string }) => c.id === id);
  expect(mine).toHaveLength(1);

  // Only this test's conversation goes back in: the other tests share the one owner.
  const path = testInfo.outputPath("mine.json");
  await writeFile(path, JSON.stringify({ ...file, conversations: mine }));
  await page.getByTestId("import-file").setInputFiles(path);
  await expect(page.getByTestId("import-notice")).toHaveText("Imported 1 conversation.");
  await expect(chat.conversationsWith(tag)).toHaveCount(2, { timeout: 10_000 });

  const copy = chat.conversationsWith(tag).filter({ hasNot: page.locator("[aria-current]") });
  await copy.getByRole("button", { name: `kept for the move ${tag}` }).click();
  await expect(page).not.toHaveURL(new RegExp(`/c/${id}$`));
  expect(await chat.conversationId()).not.toBe(id);
  await expect(chat.userMessages).toHaveText([`kept for the move ${tag}`]);
  await expect(chat.lastAnswer()).toHaveAttribute("data-status", "done");

  const newer = testInfo.outputPath("newer.json");
  await writeFile(newer, JSON.stringify({ ...file, version: 2, conversations: mine }));
  await page.getByTestId("import-file").setInputFiles(newer);
  await expect(page.getByTestId("import-notice")).toHaveText(
    "Import failed: version: 2 is not one this server reads (it reads 1)",
  );
  await expect(page.getByTestId("import-notice")).toHaveAttribute("data-outcome", "failed");
  await expect(chat.conversationsWith(tag)).toHaveCount(2);
});

// Pictures for people, in both languages: a conversation's menu open, over an import's notice.
for (const [locale, name] of [
  ["en-US", "en"],
  ["zh-CN", "zh"],
] as const) {
  test(`screenshot: a conversation's export menu and the sidebar's foot (${name})`, async ({
    browser,
  }, testInfo) => {
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
    const chat = new HistoryPage(await context.newPage());
    const tag = uniqueTag();
    await chat.goto();
    await chat.ask(`分析一下 600519 ${tag} [[scenario:tool]]`);
    await chat.expectAnswered();
    const path = testInfo.outputPath("one.json");
    const file = JSON.parse((await download(chat, chat.page.getByTestId("export-all"))).text);
    const id = await chat.conversationId();
    const mine = file.conversations.filter((c: { id: string }) => c.id === id);
    await writeFile(path, JSON.stringify({ ...file, conversations: mine }));
    await chat.page.getByTestId("import-file").setInputFiles(path);
    await expect(chat.page.getByTestId("import-notice")).toHaveAttribute("data-outcome", "ok");
    await openMenu(chat, chat.conversationsWith(tag).filter({ has: chat.page.locator("[aria-current]") }));
    await chat.page.screenshot({ path: `${SHOTS}/export-menu-${name}.png`, animations: "disabled" });
    await context.close();
  });
}
