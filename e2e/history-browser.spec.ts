import { expect, test } from "@playwright/test";
import { ChatPage, uniqueTag } from "./pages/chat-page";
import { withSecondApp } from "./support/second-app";

// Where the server has nowhere to keep history (on Vercel without DATABASE_URL) it stays in the
// browser exactly as before, and the sidebar says so. Playwright's own app keeps history on the
// server, so this file starts a second `next start` of the same build as Vercel would run it.

const SHOTS = process.env.UPDATE_SCREENSHOTS === "1" ? "e2e/screenshots" : "test-results/screenshots";

const app = withSecondApp({ VERCEL: "1" });

function url(path: string): string {
  return `${app().url}${path}`;
}

test("conversations stay in this browser: no history requests, no /c/ URL, restored on reload", async ({
  page,
}) => {
  const historyRequests: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/api/conversations")) historyRequests.push(request.url());
  });
  const chat = new ChatPage(page);
  const tag = uniqueTag();
  await page.goto(url("/"));
  await chat.waitUntilReady();
  await expect(page.locator("html")).toHaveAttribute("data-history", "browser");
  await chat.ask(`kept here ${tag}`);
  await chat.expectAnswered();
  await expect(page).toHaveURL(url("/"));
  // No copy on the server, so nothing to share.
  await expect(page.getByTestId("share")).toHaveCount(0);

  await chat.reload();
  await expect(chat.userMessages).toHaveText([`kept here ${tag}`]);
  await expect(chat.conversations).toHaveCount(1);
  expect(historyRequests).toEqual([]);
});

for (const [locale, name, text] of [
  ["en-US", "en", "History stays in this browser"],
  ["zh-CN", "zh", "对话记录只保存在这个浏览器中"],
] as const) {
  test(`the sidebar says history stays in this browser (${name})`, async ({ browser }) => {
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(url("/"));
    await new ChatPage(page).waitUntilReady();
    await expect(page.getByTestId("history-note")).toContainText(text);
    await expect(page.getByTestId("history-note")).toContainText("DATABASE_URL");
    await page.screenshot({ path: `${SHOTS}/history-note-${name}.png`, animations: "disabled" });
    await context.close();
  });
}
