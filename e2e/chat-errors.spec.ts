import { expect, test } from "@playwright/test";
import { ChatPage, uniqueTag } from "./pages/chat-page";

// Failures are shown in the conversation, say what to do, and can be retried.

test("a provider error renders with what to do and a Retry that asks again", async ({ page }) => {
  const chat = new ChatPage(page);
  const tag = uniqueTag();
  await chat.goto();
  await chat.ask(`no money ${tag} [[scenario:402]]`);

  const notice = chat.lastAnswer().getByTestId("error-notice");
  await expect(notice).toBeVisible({ timeout: 20_000 });
  await expect(notice).toHaveAttribute("data-code", "insufficient_balance");
  await expect(notice).toContainText("top it up");
  await expect(chat.lastAnswer()).toHaveAttribute("data-status", "error");

  const before = (await chat.upstreamRequests(tag)).length;
  await notice.getByTestId("retry").click();
  await expect.poll(async () => (await chat.upstreamRequests(tag)).length).toBeGreaterThan(before);
  await expect(chat.assistantMessages).toHaveCount(1);
  await expect(chat.lastAnswer().getByTestId("error-notice")).toBeVisible({ timeout: 20_000 });
});

test("an HTTP rejection before the stream is shown as an error in the conversation", async ({ page }) => {
  await page.route("**/api/chat", (route) =>
    route.fulfill({
      status: 429,
      headers: { "retry-after": "7" },
      json: { error: { code: "rate_limited", message: "Too many requests" } },
    }),
  );
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.ask("too fast");
  const notice = chat.lastAnswer().getByTestId("error-notice");
  await expect(notice).toBeVisible();
  await expect(notice).toContainText("Try again in 7 s");
  await expect(notice.getByTestId("retry")).toBeVisible();
});

test("a missing access code offers the way to sign in", async ({ page }) => {
  await page.route("**/api/chat", (route) =>
    route.fulfill({
      status: 401,
      json: { error: { code: "unauthorized", message: "This server needs its access code." } },
    }),
  );
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.ask("who am I");
  const notice = chat.lastAnswer().getByTestId("error-notice");
  await expect(notice).toHaveAttribute("data-code", "unauthorized");
  await expect(notice.getByTestId("sign-in")).toHaveAttribute("href", "/login?next=/");
});

test("an answer whose stream has expired by the reload shows what arrived and says Interrupted", async ({
  page,
}) => {
  const chat = new ChatPage(page);
  // The server no longer has the stream (RESUME_TTL_S passed, or another instance without Redis).
  await page.route(/\/api\/chat\/[\w-]+$/, (route) =>
    route.request().method() === "GET"
      ? route.fulfill({
          status: 404,
          json: { error: { code: "stream_not_found", message: "No answer with this stream id" } },
        })
      : route.continue(),
  );
  await chat.goto();
  await chat.ask(`cut me off ${uniqueTag()} [[scenario:{"name":"slow","delayMs":200}]]`);
  // A streaming answer is saved about once a second: wait until some reasoning has been.
  await expect(chat.lastAnswer().getByTestId("reasoning-title")).toHaveText(/Thinking… ([2-9]|\d{2,}) s/);
  await chat.reload();

  const answer = chat.lastAnswer();
  await expect(answer).toHaveAttribute("data-status", "interrupted");
  await expect(answer.getByTestId("reasoning-panel")).toHaveCount(1);
  await expect(answer.getByTestId("error-notice")).toContainText("no longer has the rest of this answer");
  await expect(answer.getByTestId("retry")).toBeVisible();
});

test("Chinese interface: the reasoning toggle and panel speak Chinese", async ({ browser }) => {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  const chat = new ChatPage(page);
  await chat.goto();
  await expect(chat.reasoningToggle).toHaveAccessibleName("深度思考");
  await chat.ask(`你好 ${uniqueTag()}`);
  await chat.expectAnswered();
  await expect(chat.lastAnswer().getByTestId("reasoning-title")).toHaveText(/^已深度思考（用时 \d+ 秒）$/);
  await page.getByTestId("locale-en").click();
  await expect(chat.reasoningToggle).toHaveAccessibleName("Reasoning");
  await expect(chat.lastAnswer().getByTestId("reasoning-title")).toHaveText(/^Thought for \d+ s$/);
  await context.close();
});
