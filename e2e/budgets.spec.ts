import { expect, test } from "@playwright/test";
import { ChatPage, uniqueTag } from "./pages/chat-page";
import { withSecondApp } from "./support/second-app";

// Budgets (PROTOCOL.md section 17) in a browser, on a second app of the build in accounts mode
// with a daily token budget smaller than one answer: the first question is answered (there was
// budget left), the next is refused in the chat with what is left and when it resets, the account
// menu says the same, and a reload shows the refusal kept with the conversation. In English and
// Chinese, with pictures.
const SHOTS = process.env.UPDATE_SCREENSHOTS === "1" ? "e2e/screenshots" : "test-results/screenshots";
const PASSWORD = "correct horse battery";
// One scripted answer costs 237 tokens.
const LIMIT = 200;

const app = withSecondApp(
  {
    AUTH_SECRET: "playwright-budgets-secret-0123456789ab",
    SIGNUP: "open",
    RATE_LIMIT_PER_MIN: "0",
    QUOTA_TOKENS_PER_DAY: String(LIMIT),
  },
  async (server) => {
    const session = await fetch(`${server.url}/api/auth/get-session`);
    if (!session.ok) throw new Error(`the accounts app answered ${session.status}`);
  },
);

for (const locale of ["en-US", "zh-CN"] as const) {
  test(`a refusal at the budget shows what is left and when it resets (${locale})`, async ({ browser }) => {
    test.setTimeout(90_000);
    const context = await browser.newContext({ baseURL: app().url, locale });
    const page = await context.newPage();
    await page.goto("/sign-up");
    await page.getByTestId("name-input").fill("Eve");
    await page.getByTestId("email-input").fill(`eve-${uniqueTag()}@example.com`);
    await page.getByTestId("password-input").fill(PASSWORD);
    await page.getByTestId("sign-up-submit").click();
    const chat = new ChatPage(page);
    await chat.waitUntilReady();

    // The whole budget is left, so the first question is answered, though it costs more than that.
    await chat.ask(`first question ${uniqueTag()}`);
    await chat.expectAnswered();

    await chat.ask(`second question ${uniqueTag()}`);
    const notice = chat.lastAnswer().getByTestId("error-notice");
    await expect(notice).toHaveAttribute("data-code", "quota_exceeded");
    const left = notice.getByTestId("budget-left-tokens");
    const zh = locale === "zh-CN";
    await expect(notice).toContainText(zh ? "本期额度已用完" : "Your budget for this period is used up");
    await expect(left).toContainText(zh ? `今日剩余 0 / ${LIMIT} tokens` : `0 of ${LIMIT} tokens left today`);
    await expect(left).toContainText(zh ? "重置" : "resets");
    await chat.lastAnswer().screenshot({ path: `${SHOTS}/budget-refusal-${zh ? "zh" : "en"}.png` });

    await page.getByTestId("account-button").click();
    const menu = page.getByTestId("account-menu");
    await expect(menu.getByTestId("budget-left-tokens")).toContainText(
      zh ? `今日剩余 0 / ${LIMIT} tokens` : `0 of ${LIMIT} tokens left today`,
    );
    await page.keyboard.press("Escape");

    // The refused answer is kept with its conversation, and says the same after a reload.
    await chat.reload();
    const kept = chat.lastAnswer().getByTestId("error-notice");
    await expect(kept).toHaveAttribute("data-code", "quota_exceeded");
    await expect(kept.getByTestId("budget-left-tokens")).toContainText(
      zh ? "今日剩余 0" : `0 of ${LIMIT} tokens left today`,
    );
    await context.close();
  });
}
