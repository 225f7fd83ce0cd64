import { expect, type Page, test } from "@playwright/test";
import { ChatPage, END_OK, sseBody, uniqueTag } from "./pages/chat-page";
import { scriptSearchAnswer } from "./pages/web-answer";

// Pictures for people: desktop light, desktop dark and a phone, each with a tool round trip and a
// formatted answer. The second turn is scripted at the app's API so its markdown is known.
// Every run takes them (so they keep working); only `UPDATE_SCREENSHOTS=1 npm run test:e2e`
// replaces the committed ones in e2e/screenshots/, the rest go to test-results/.
const SHOTS = process.env.UPDATE_SCREENSHOTS === "1" ? "e2e/screenshots" : "test-results/screenshots";

const MARKDOWN = [
  "Kweichow Moutai (600519) at a glance:",
  "",
  "| Metric | Value |",
  "| --- | ---: |",
  "| Price | ¥1,459.88 |",
  "| Change | +0.03% |",
  "",
  "A quick check in TypeScript:",
  "",
  "```ts",
  "const change = (price - prevClose) / prevClose; // 0.0003",
  "```",
  "",
  "Compound growth is $P(1 + r)^n$.",
].join("\n");

async function fillConversation(page: Page): Promise<ChatPage> {
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.ask(`分析一下 600519 ${uniqueTag()} [[scenario:tool]]`);
  await chat.expectAnswered();
  await page.route("**/api/chat", (route) =>
    route.fulfill({
      headers: { "content-type": "text/event-stream" },
      body: sseBody([
        ["start", { model: "deepseek-flash", reasoning: "enabled" }],
        ["reasoning", { content: "Summarise the quote as a table, then show the formula." }],
        ["message", { content: MARKDOWN }],
        ["end", END_OK],
      ]),
    }),
  );
  await chat.ask("Summarise it as a table");
  await chat.expectAnswered();
  await expect(chat.lastAnswer().locator(".katex")).toHaveCount(1);
  await expect(chat.lastAnswer().locator(".hljs-keyword").first()).toBeVisible();
  return chat;
}

test("desktop light", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 1200 });
  await page.emulateMedia({ colorScheme: "light" });
  await fillConversation(page);
  await page.screenshot({ path: `${SHOTS}/desktop-light.png`, animations: "disabled" });
});

test("desktop dark", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 1200 });
  await page.emulateMedia({ colorScheme: "dark" });
  await fillConversation(page);
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.screenshot({ path: `${SHOTS}/desktop-dark.png`, animations: "disabled" });
});

test("mobile", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await fillConversation(page);
  await page.screenshot({ path: `${SHOTS}/mobile.png`, animations: "disabled" });
  await page.getByTestId("sidebar-toggle").click();
  await expect(page.getByTestId("sidebar")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/mobile-sidebar.png`, animations: "disabled" });
});

test("mobile, Chinese, new chat", async ({ browser }) => {
  const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await new ChatPage(page).goto();
  await expect(page.getByTestId("empty-state")).toContainText("今天有什么可以帮你？");
  await page.screenshot({ path: `${SHOTS}/mobile-zh-empty.png`, animations: "disabled" });
  await context.close();
});

test("web search: citations, sources and the search card, in English and Chinese", async ({ browser }) => {
  for (const locale of ["en", "zh-CN"]) {
    const context = await browser.newContext({ locale, viewport: { width: 1100, height: 1000 } });
    const page = await context.newPage();
    const chat = new ChatPage(page);
    await chat.goto();
    await scriptSearchAnswer(page);
    await chat.ask(locale === "en" ? "How is Moutai doing?" : "茅台最近怎么样？");
    await chat.expectAnswered();
    const search = chat.lastAnswer().getByTestId("tool-card").first();
    await search.getByRole("button", { expanded: false }).first().click();
    await expect(search.getByTestId("search-result")).toHaveCount(2);
    const name = locale === "en" ? "web-search-en" : "web-search-zh";
    await page.screenshot({ path: `${SHOTS}/${name}.png`, animations: "disabled" });
    await context.close();
  }
});
