import { expect, test } from "@playwright/test";
import { ChatPage, uniqueTag } from "./pages/chat-page";
import { scriptSearchAnswer } from "./pages/web-answer";

// 联网搜索 (issue 21): the switch reaches the request, a search's results show as a list, and an
// answer's [n] links to its source with the sources listed under it. The first tests script the
// app's own API (the rendering, with results we choose); the last go through the server, its web
// tools and the fake search backend the suite runs.

test("an answer's [n] links to its source, and its sources are listed under it", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.goto();
  await scriptSearchAnswer(page);
  await chat.ask(`how is Moutai doing ${uniqueTag()}`);
  await chat.expectAnswered();
  const answer = chat.lastAnswer();

  const citations = answer.getByTestId("citation");
  await expect(citations).toHaveText(["1", "2", "3"]);
  const first = citations.first();
  await expect(first).toHaveAttribute("href", "https://quotes.example.com/600519");
  await expect(first).toHaveAttribute("target", "_blank");
  await expect(first).toHaveAttribute("rel", "noopener noreferrer");
  await expect(first).toHaveAttribute("title", "Kweichow Moutai (600519) quote");
  await expect(first).toHaveAccessibleName("Source 1: Kweichow Moutai (600519) quote");
  // Not a citation: code, and a number with no source.
  await expect(answer.locator("code", { hasText: "a[1]" })).toBeVisible();
  await expect(answer.getByText("[9] has no source")).toBeVisible();

  const sources = answer.getByTestId("sources").getByTestId("source");
  await expect(sources).toHaveCount(3);
  await expect(sources.first()).toContainText("Kweichow Moutai (600519) quote");
  await expect(sources.first()).toContainText("quotes.example.com");
  await expect(sources.first()).toHaveAttribute("href", "https://quotes.example.com/600519");
  await expect(sources.first()).toHaveAttribute("rel", "noopener noreferrer");

  // Opening [1] opens the source in a new tab (the page itself is not fetched: routed here).
  await page
    .context()
    .route("https://quotes.example.com/**", (route) =>
      route.fulfill({ contentType: "text/html", body: "<title>quote</title>" }),
    );
  const [opened] = await Promise.all([page.context().waitForEvent("page"), first.click()]);
  await expect(opened).toHaveURL("https://quotes.example.com/600519");
  await opened.close();
});

test("the search card lists its results and the page card its page, the JSON one click away", async ({
  page,
}) => {
  const chat = new ChatPage(page);
  await chat.goto();
  await scriptSearchAnswer(page);
  await chat.ask(`search cards ${uniqueTag()}`);
  await chat.expectAnswered();
  const cards = chat.lastAnswer().getByTestId("tool-card");

  const search = cards.filter({
    has: page.getByTestId("tool-name").getByText("web_search", { exact: true }),
  });
  await search.getByRole("button", { expanded: false }).first().click();
  const results = search.getByTestId("search-result");
  await expect(results).toHaveCount(2);
  await expect(results.first().getByRole("link")).toHaveText("Kweichow Moutai (600519) quote");
  await expect(results.first()).toContainText("quotes.example.com · 2026-11-27");
  await expect(results.first()).toContainText("Moutai closed at ¥1,688.50 on Friday.");
  await expect(search).toContainText("2 results for “Moutai share price”");
  await expect(search.getByTestId("tool-result")).toHaveCount(0);
  await search.getByTestId("raw-result-toggle").click();
  await expect(search.getByTestId("tool-result")).toContainText('"backend": "searxng"');

  const reader = cards.filter({ has: page.getByTestId("tool-name").getByText("read_page", { exact: true }) });
  await reader.getByRole("button", { expanded: false }).first().click();
  const summary = reader.getByTestId("page-summary");
  await expect(summary.getByRole("link")).toHaveText("Moutai's third quarter, in full");
  await expect(summary).toContainText("https://news.example.org/moutai-q3");
  await expect(summary).toContainText("revenue up 15% in the third quarter");
});

test("the 联网搜索 switch offers the web tools to the model, and the answer cites the search's results", async ({
  page,
}) => {
  const chat = new ChatPage(page);
  const [plain, searching] = [uniqueTag(), uniqueTag()];
  const toggle = page.getByTestId("search-toggle");
  await chat.goto();
  await expect(toggle).toHaveAccessibleName("Web search");
  await expect(toggle).toHaveAttribute("aria-pressed", "false");

  await chat.ask(`no search ${plain}`);
  await chat.expectAnswered();
  const [without] = await chat.upstreamRequests(plain);
  expect(without?.body?.tools?.map((tool) => tool.function?.name) ?? []).not.toContain("web_search");

  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  const sent = page.waitForRequest(
    (request) => request.url().endsWith("/api/chat") && request.method() === "POST",
  );
  await chat.ask(`latest DeepSeek ${searching} [[scenario:web-search]]`);
  expect((await sent).postDataJSON()).toMatchObject({ search: true });
  await chat.expectAnswered();
  const [offered] = await chat.upstreamRequests(searching);
  expect(offered?.body?.tools?.map((tool) => tool.function?.name)).toContain("web_search");

  // The fake SearXNG's first result (lib/testing/web-fakes/sample-pages.ts), cited as [1].
  const answer = chat.lastAnswer();
  const first = answer.getByTestId("citation").first();
  await expect(first).toHaveText("1");
  await expect(first).toHaveAttribute("href", "https://news.example.com/deepseek-v4");
  await expect(first).toHaveAttribute("title", "DeepSeek releases V4 with a 1M-token context");
  const sources = answer.getByTestId("source");
  await expect(sources).toHaveCount(3);
  await expect(sources.first()).toContainText("DeepSeek releases V4 with a 1M-token context");
  await expect(sources.first()).toContainText("news.example.com");

  const card = answer.getByTestId("tool-card");
  await expect(card).toHaveAttribute("data-tool", "web_search");
  await card.getByRole("button", { expanded: false }).first().click();
  await expect(card.getByTestId("search-result").getByRole("link")).toHaveText([
    "DeepSeek releases V4 with a 1M-token context",
    "DeepSeek V4 weights on Hugging Face",
    "深度求索发布 V4 模型",
  ]);
  await expect(card.getByTestId("search-result").first()).toContainText("news.example.com · 2026-07-24");

  // Remembered, like DeepSeek's own switch.
  await chat.reload();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
});
