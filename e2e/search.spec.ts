import { expect, type Locator, type Page, test } from "@playwright/test";
import { uniqueTag } from "./pages/chat-page";
import { HistoryPage } from "./pages/history-page";
import { importLongConversation } from "./support/long-conversation";

// Search from the sidebar (PROTOCOL.md section 11): typing finds messages in Chinese and English,
// a hit opens its conversation at that message (mounted in a long conversation, on its own branch
// when another is shown), and the box answers the keyboard. Every test shares the open install's
// one owner, so each searches for a tag of its own.

const SHOTS = process.env.UPDATE_SCREENSHOTS === "1" ? "e2e/screenshots" : "test-results/screenshots";
const TURNS = 40;
/** The turn whose answer holds the words searched for: far above the 24 messages mounted at first. */
const TARGET = 3;

/** A conversation of 40 turns whose answer `TARGET` ends with `extra`. */
function importLong(
  page: Page,
  tag: string,
  { title = `Long ${tag}`, extra = `贵州茅台的股价今天收于 1688 元，weather 也不错 ${tag}。` } = {},
): Promise<string> {
  return importLongConversation(page, tag, { turns: TURNS, title, plant: { turn: TARGET, text: extra } });
}

function searchBox(page: Page) {
  return {
    input: page.getByTestId("search-input"),
    hits: page.getByTestId("search-hit"),
    results: page.getByTestId("search-results"),
  };
}

/** The message element the list wraps each message in. */
const messageById = (page: Page, id: string): Locator =>
  page.getByTestId("message-list").locator(`[data-message-id="${id}"]`);

test("a hit opens a long conversation at its message, mounted, in view and marked for a moment", async ({
  page,
}) => {
  const tag = uniqueTag();
  const id = await importLong(page, tag);
  const chat = new HistoryPage(page);
  await chat.goto();
  const search = searchBox(page);
  // Other tests' conversations may hold the words too: this one's tag narrows it to this one.
  await search.input.fill(`weather 也不错 ${tag}`);
  await expect(search.hits).toHaveCount(1);
  const hit = search.hits.first();
  await expect(hit).toContainText(`Long ${tag}`);
  await expect(hit.locator("mark")).toHaveText(`weather 也不错 ${tag}`);
  await hit.click();

  await expect(page).toHaveURL(`/c/${id}?m=a${TARGET}`);
  const target = messageById(page, `a${TARGET}`);
  // The mark lasts a moment: looked for first, so a slow check of the rest cannot outlast it.
  await expect(target).toHaveAttribute("data-marked", "true");
  await expect(target).toBeInViewport();
  await expect(target).toContainText("贵州茅台的股价");
  await expect(target).not.toHaveAttribute("data-marked", { timeout: 5_000 });
  // The view stayed there: it was not pulled to the conversation's end.
  await expect(chat.lastAnswer()).not.toBeInViewport();

  // The address opens there again on a reload.
  await chat.reload();
  await expect(messageById(page, `a${TARGET}`)).toBeInViewport();
});

test("a hit's address opens at its message when the page's effects run late, as on a busy machine", async ({
  page,
}) => {
  const tag = uniqueTag();
  const id = await importLong(page, tag);
  // React runs passive effects from a MessageChannel task: held back, they come after the next
  // frame, and the earlier messages mount while the server's copy replaces the cached one.
  await page.addInitScript(() => {
    const post = MessagePort.prototype.postMessage;
    MessagePort.prototype.postMessage = function (this: MessagePort, ...args: Parameters<typeof post>) {
      setTimeout(() => Reflect.apply(post, this, args), 50);
    } as typeof post;
  });
  const chat = new HistoryPage(page);
  await page.goto(`/c/${id}?m=a${TARGET}`);
  await chat.waitUntilReady();
  await expect(messageById(page, `a${TARGET}`)).toBeInViewport();
  await expect(chat.lastAnswer()).not.toBeInViewport();
  await chat.reload();
  await expect(messageById(page, `a${TARGET}`)).toBeInViewport();
});

test("a hit on an earlier version shows the branch through it", async ({ page }) => {
  const tag = uniqueTag();
  const chat = new HistoryPage(page);
  await chat.goto();
  await chat.ask(`first wording ${tag}`);
  await chat.expectAnswered();
  const question = chat.userMessages.first();
  await question.hover();
  await question.getByTestId("edit").click();
  await page.getByTestId("edit-input").fill(`second wording ${tag}`);
  await page.getByTestId("edit-save").click();
  await chat.expectAnswered();
  await expect(chat.branch(chat.userMessages.first()).label).toHaveText("2 / 2");
  const id = await chat.conversationId();

  const tree = (await (await page.request.get(`/api/conversations/${id}`)).json()) as {
    messages: { id: string; content: string }[];
  };
  const first = tree.messages.find((m) => m.content === `first wording ${tag}`)?.id ?? "";

  const search = searchBox(page);
  await search.input.fill(`first wording ${tag}`);
  // The question, and the conversation's title (made from it).
  const hit = page.locator(`[data-testid="search-hit"][data-message-id="${first}"]`);
  await expect(hit).toBeVisible();
  await hit.click();
  await expect(page).toHaveURL(`/c/${id}?m=${first}`);
  await expect(chat.userMessages.first()).toContainText("first wording");
  await expect(chat.branch(chat.userMessages.first()).label).toHaveText("1 / 2");
  await expect(messageById(page, first)).toBeInViewport();
  // The version shown is the server's now: opened without the message, it stays.
  await chat.open(id);
  await expect(chat.branch(chat.userMessages.first()).label).toHaveText("1 / 2");
});

test("the box says when nothing is found, shows the server's sentence, and Escape brings the list back", async ({
  page,
}) => {
  const chat = new HistoryPage(page);
  await chat.goto();
  const search = searchBox(page);
  const nothing = `nothing-${uniqueTag()}`;
  await search.input.fill(nothing);
  await expect(page.getByTestId("search-empty")).toHaveText(`Nothing found for “${nothing}”`);
  await expect(page.getByTestId("conversation-list")).toBeHidden();
  await search.input.press("Escape");
  await expect(search.input).toHaveValue("");
  await expect(page.getByTestId("conversation-list")).toBeVisible();

  const sentence = "The database is unreachable: connect ECONNREFUSED; nothing was sent to the model.";
  await page.route("**/api/search?*", (route) =>
    route.fulfill({
      status: 503,
      contentType: "application/json",
      body: JSON.stringify({ error: { code: "store_unavailable", message: sentence } }),
    }),
  );
  await search.input.fill("anything");
  await expect(page.getByTestId("search-error")).toHaveText(sentence);
});

test("arrows move through the hits and Enter opens the one chosen", async ({ page }) => {
  const tag = uniqueTag();
  const older = await importLong(page, tag, { title: `Older ${tag}` });
  await importLong(page, tag, { title: `Newer ${tag}` });
  const chat = new HistoryPage(page);
  await chat.goto();
  const search = searchBox(page);
  await search.input.fill(`Question 7 ${tag}`);
  await expect(search.hits).toHaveCount(2);
  await expect(search.hits.first()).toHaveAttribute("aria-selected", "true");
  await search.input.press("ArrowDown");
  await expect(search.hits.nth(1)).toHaveAttribute("aria-selected", "true");
  await expect(search.hits.nth(1)).toContainText(`Older ${tag}`);
  await search.input.press("Enter");
  await expect(page).toHaveURL(`/c/${older}?m=q7`);
  await expect(messageById(page, "q7")).toBeInViewport();
});

const SHOWN = {
  en: {
    first: {
      title: "Moutai (TAG) stock notes",
      extra: "Kweichow Moutai (TAG) closed at ¥1,688 today, up 0.03%.",
    },
    second: { title: "Weekend plans TAG", extra: "Also look at Moutai (TAG) dividends before Monday." },
    query: "Moutai (TAG)",
  },
  zh: {
    first: { title: "茅台（TAG）股价分析", extra: "贵州茅台（TAG）今天收于 1688 元，涨 0.03%。" },
    second: { title: "周末计划 TAG", extra: "周一之前顺便看看茅台（TAG）的分红情况。" },
    query: "茅台（TAG）",
  },
} as const;

for (const [name, locale] of [
  ["en", "en-US"],
  ["zh", "zh-CN"],
] as const) {
  test(`screenshot: search in the sidebar (${name})`, async ({ browser }) => {
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const tag = uniqueTag();
    const shown = SHOWN[name];
    const withTag = <T extends Record<string, string>>(texts: T) =>
      Object.fromEntries(Object.entries(texts).map(([k, v]) => [k, v.replace("TAG", tag)]));
    await importLong(page, tag, withTag(shown.first));
    await importLong(page, tag, withTag(shown.second));
    const chat = new HistoryPage(page);
    await chat.goto();
    const search = searchBox(page);
    await search.input.fill(shown.query.replace("TAG", tag));
    // Each conversation's answer, and the first one's title.
    await expect(search.hits).toHaveCount(3);
    // The price with its currency: the random tag can hold the digits 1688 as well.
    await search.hits.filter({ hasText: /¥1,688|1688 元/ }).click();
    await expect(page).toHaveURL(new RegExp(`/c/[^?]+\\?m=a${TARGET}$`));
    await expect(messageById(page, `a${TARGET}`)).toBeInViewport();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: `${SHOTS}/search-${name}.png`, animations: "disabled" });
    await context.close();
  });
}
