import { expect, test } from "@playwright/test";
import { uniqueTag } from "./pages/chat-page";
import { HistoryPage } from "./pages/history-page";

// The server keeps the history (PROTOCOL.md section 10): every browser of the owner sees the same conversations,
// answers outlive the tab that asked, regenerate and edit make versions, and each conversation has
// its URL. The suite's app has no access code: one owner, so two contexts are two devices of it.

test("two devices of one owner see the same conversation, and a new one within seconds", async ({
  browser,
}) => {
  const tag = uniqueTag();
  const [one, two] = await Promise.all([browser.newContext(), browser.newContext()]);
  const a = new HistoryPage(await one.newPage());
  const b = new HistoryPage(await two.newPage());
  await b.goto();
  await a.goto();
  await a.ask(`shared ${tag}`);
  await a.expectAnswered();
  const id = await a.conversationId();

  // b never reloads: sync brings the new conversation into its sidebar.
  await expect(b.conversationsWith(tag)).toHaveCount(1, { timeout: 10_000 });
  await b
    .conversationsWith(tag)
    .getByRole("button", { name: `shared ${tag}` })
    .click();
  await expect(b.page).toHaveURL(new RegExp(`/c/${id}$`));
  await expect(b.userMessages).toHaveText([`shared ${tag}`]);
  await expect(b.lastAnswer()).toHaveAttribute("data-status", "done");
  const text = (await a.lastAnswer().locator(".markdown").textContent()) ?? "";
  expect(text).not.toBe("");
  await expect(b.lastAnswer().locator(".markdown")).toHaveText(text);
  await Promise.all([one.close(), two.close()]);
});

test("a second device sees an answer stream, and has all of it after the asking tab closed", async ({
  browser,
}) => {
  const tag = uniqueTag();
  const [one, two] = await Promise.all([browser.newContext(), browser.newContext()]);
  const a = new HistoryPage(await one.newPage());
  const b = new HistoryPage(await two.newPage());
  await a.goto();
  await a.ask(`stream to both ${tag} [[scenario:{"name":"slow","delayMs":40}]]`);
  await expect(a.lastAnswer()).toHaveAttribute("data-status", "streaming");
  const id = await a.conversationId();

  await b.open(id);
  // Re-attached through the resumable stream: it grows here while it streams there.
  await expect(b.lastAnswer()).toHaveAttribute("data-status", "streaming");
  await one.close(); // the asking tab goes away mid-answer

  await b.expectAnswered();
  const whole = (await b.lastAnswer().locator(".markdown").textContent()) ?? "";
  expect(whole.length).toBeGreaterThan(20);
  await b.reload();
  await b.expectAnswered();
  await expect(b.lastAnswer().locator(".markdown")).toHaveText(whole);
  await two.close();
});

test("a rename and a deletion on one device show on the other without a reload", async ({ browser }) => {
  const tag = uniqueTag();
  const [one, two] = await Promise.all([browser.newContext(), browser.newContext()]);
  const a = new HistoryPage(await one.newPage());
  const b = new HistoryPage(await two.newPage());
  await a.goto();
  await a.ask(`sync me ${tag}`);
  await a.expectAnswered();
  const id = await a.conversationId();
  await b.open(id);
  await expect(b.userMessages).toHaveText([`sync me ${tag}`]);

  const item = a.conversationsWith(tag);
  await item.hover();
  await item.getByTestId("rename").click();
  await a.page.getByTestId("rename-input").fill(`Renamed ${tag}`);
  await a.page.getByTestId("rename-input").press("Enter");
  await expect(b.conversationsWith(`Renamed ${tag}`)).toHaveCount(1, { timeout: 10_000 });
  await expect(b.page.getByTestId("conversation-title")).toHaveText(`Renamed ${tag}`);
  await expect(b.userMessages).toHaveText([`sync me ${tag}`]);

  const renamed = a.conversationsWith(tag);
  await renamed.hover();
  await renamed.getByTestId("delete").click();
  await renamed.getByTestId("confirm-delete").click();
  // b had it open: it leaves it for a new chat, and the sidebar no longer lists it.
  await expect(b.conversationsWith(tag)).toHaveCount(0, { timeout: 10_000 });
  await expect(b.page).toHaveURL(/\/$/);
  await expect(b.page.getByTestId("empty-state")).toBeVisible();
  await Promise.all([one.close(), two.close()]);
});

test("regenerate and edit make versions, shown as ‹ n / m ›, kept across a reload", async ({ page }) => {
  const chat = new HistoryPage(page);
  const tag = uniqueTag();
  await chat.goto();
  await chat.ask(`version me ${tag}`);
  await chat.expectAnswered();
  await chat.lastAnswer().getByTestId("regenerate").click();
  await chat.expectAnswered();
  const answer = chat.branch(chat.lastAnswer());
  await expect(answer.label).toHaveText("2 / 2");

  await answer.prev.click();
  await expect(answer.label).toHaveText("1 / 2");
  await expect(answer.prev).toBeDisabled();
  await chat.reload(); // the server remembers the version shown
  await expect(chat.branch(chat.lastAnswer()).label).toHaveText("1 / 2");

  const question = chat.userMessages.first();
  await question.hover();
  await question.getByTestId("edit").click();
  await page.getByTestId("edit-input").fill(`version me, edited ${tag}`);
  await page.getByTestId("edit-save").click();
  await chat.expectAnswered();
  await expect(chat.branch(chat.userMessages.first()).label).toHaveText("2 / 2");
  await expect(chat.userMessages.first()).toContainText("edited");
  await chat.branch(chat.userMessages.first()).prev.click();
  await expect(chat.userMessages.first()).not.toContainText("edited");
  // A version chosen again shows its newest answer.
  await expect(chat.branch(chat.lastAnswer()).label).toHaveText("2 / 2");
  await chat.reload();
  await expect(chat.userMessages.first()).not.toContainText("edited");
  await expect(chat.branch(chat.userMessages.first()).label).toHaveText("1 / 2");
});

test("a reload, a bookmark and the back button land on /c/<id>; / is a new chat", async ({ page }) => {
  const chat = new HistoryPage(page);
  const [one, two] = [uniqueTag(), uniqueTag()];
  await chat.goto();
  await chat.ask(`first ${one}`);
  await chat.expectAnswered();
  const first = await chat.conversationId();
  await page.getByTestId("new-chat").click();
  await expect(page).toHaveURL(/\/$/);
  await chat.ask(`second ${two}`);
  await chat.expectAnswered();
  const second = await chat.conversationId();
  expect(second).not.toBe(first);

  await page.goBack();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("empty-state")).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/c/${first}$`));
  await expect(chat.userMessages).toHaveText([`first ${one}`]);
  await page.goForward();
  await page.goForward();
  await expect(chat.userMessages).toHaveText([`second ${two}`]);

  await chat.reload();
  await expect(chat.userMessages).toHaveText([`second ${two}`]);
  await chat.open(first);
  await expect(chat.userMessages).toHaveText([`first ${one}`]);
  await expect(page.getByTestId("conversation-title")).toHaveText(`first ${one}`);
});

test("an unknown /c/<id> says so and opens a new chat", async ({ page }) => {
  const chat = new HistoryPage(page);
  await chat.open(`missing-${uniqueTag()}`);
  await expect(page.getByTestId("error-notice")).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("empty-state")).toBeVisible();
});

test("conversations an earlier version kept in IndexedDB move to the server once, nothing lost", async ({
  browser,
}) => {
  const tag = uniqueTag();
  const legacy = {
    id: `legacy-${tag}`,
    title: `From before ${tag}`,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    messages: [
      {
        id: `q-${tag}`,
        role: "user",
        content: `old question ${tag}`,
        parts: [],
        createdAt: 1_700_000_000_000,
      },
      {
        id: `a-${tag}`,
        role: "assistant",
        content: `old answer ${tag}`,
        parts: [{ type: "text", text: `old answer ${tag}` }],
        createdAt: 1_700_000_000_001,
        status: "done",
      },
    ],
  };
  const context = await browser.newContext();
  const chat = new HistoryPage(await context.newPage());
  await chat.seedLegacyHistory([legacy]);
  await chat.goto();
  await expect(chat.conversationsWith(tag)).toHaveCount(1);

  // Another device of the owner, with nothing local, finds it on the server.
  const other = await browser.newContext();
  const elsewhere = new HistoryPage(await other.newPage());
  await elsewhere.open(legacy.id);
  await expect(elsewhere.userMessages).toHaveText([`old question ${tag}`]);
  await expect(elsewhere.lastAnswer()).toContainText(`old answer ${tag}`);
  // The local copy stays where it was.
  expect(await chat.legacyIds()).toContain(legacy.id);
  await Promise.all([context.close(), other.close()]);
});

// Pictures for people, in both languages: the sidebar and a regenerated answer's ‹ 2 / 2 ›.
const SHOTS = process.env.UPDATE_SCREENSHOTS === "1" ? "e2e/screenshots" : "test-results/screenshots";

for (const [locale, name] of [
  ["en-US", "en"],
  ["zh-CN", "zh"],
] as const) {
  test(`screenshot: a branched answer and the sidebar (${name})`, async ({ browser }) => {
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
    const chat = new HistoryPage(await context.newPage());
    await chat.goto();
    await chat.ask(`分析一下 600519 ${uniqueTag()} [[scenario:tool]]`);
    await chat.expectAnswered();
    await chat.lastAnswer().getByTestId("regenerate").click();
    await chat.expectAnswered();
    await expect(chat.branch(chat.lastAnswer()).label).toHaveText("2 / 2");
    await chat.page.mouse.move(0, 0);
    await chat.page.screenshot({ path: `${SHOTS}/history-branch-${name}.png`, animations: "disabled" });
    await context.close();
  });
}

test("a database that cannot be reached shows the server's sentence, and the page still works", async ({
  page,
}) => {
  const sentence = "The database is unreachable: connect ECONNREFUSED; nothing was sent to the model.";
  await page.route("**/api/conversations?limit=50", (route) =>
    route.fulfill({
      status: 503,
      contentType: "application/json",
      body: JSON.stringify({ error: { code: "store_unavailable", message: sentence } }),
    }),
  );
  const chat = new HistoryPage(page);
  await chat.goto();
  await expect(page.getByTestId("error-notice")).toContainText(sentence);
  await expect(chat.input).toBeEditable();
});
