import { expect, test } from "@playwright/test";
import { ChatPage, END_OK, sseBody, uniqueTag } from "./pages/chat-page";

// What a streamed answer looks like: reasoning, tool calls, the answer and its stats, and Stop.

test("a tool round trip renders reasoning, the tool card, the answer and stats, in order", async ({
  page,
}) => {
  const chat = new ChatPage(page);
  const tag = uniqueTag();
  await chat.goto();
  await chat.ask(`分析一下 600519 ${tag} [[scenario:tool]]`);

  const answer = chat.lastAnswer();
  await chat.expectAnswered(answer);
  await expect(answer.getByTestId("reasoning-panel")).toHaveCount(2); // before and after the tool
  const card = answer.getByTestId("tool-card");
  await expect(card).toHaveCount(1);
  await expect(card).toHaveAttribute("data-status", "done");
  await expect(card.getByTestId("tool-name")).toHaveText("get_stock_info");
  await expect(answer.locator(".markdown")).toContainText("贵州茅台");

  const stats = answer.getByTestId("stats");
  await expect(stats).toContainText(/prompt [\d,]+/);
  await expect(stats).toContainText(/completion [\d,]+/);
  await expect(stats).toContainText(/tok\/s/);
  await expect(stats).toContainText("1 tool call");

  // In stream order: reasoning → tool → reasoning → answer text → stats.
  const order = await answer
    .locator("[data-testid=reasoning-panel], [data-testid=tool-card], .markdown, [data-testid=stats]")
    .evaluateAll((nodes) => nodes.map((n) => (n as HTMLElement).dataset.testid ?? "text"));
  expect(order).toEqual(["reasoning-panel", "tool-card", "reasoning-panel", "text", "stats"]);

  // A finished call folds to its header; opening it shows arguments and the result as JSON.
  await card.getByRole("button", { expanded: false }).click();
  await expect(card.getByTestId("tool-arguments")).toContainText('"code": "600519"');
  await expect(card.getByTestId("tool-result")).toContainText('"name": "贵州茅台"');
  await card.getByTestId("show-more").click();
  await expect(card.getByTestId("tool-result")).toContainText('"source"');
  await expect(chat.announcer).toContainText("贵州茅台");
});

test("the calls of one round sit together in one group", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.ask(`three tools ${uniqueTag()} [[scenario:parallel]]`);
  await chat.expectAnswered();
  const group = chat.lastAnswer().getByTestId("tool-group");
  await expect(group).toHaveCount(1);
  await expect(group.getByTestId("tool-card")).toHaveCount(3);
  await expect(group).toContainText("Used 3 tools");
});

test("the reasoning panel is open while thinking, folds when the answer starts, and reopens", async ({
  page,
}) => {
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.ask(`think slowly ${uniqueTag()} [[scenario:{"name":"slow","delayMs":25}]]`);

  const panel = chat.lastAnswer().getByTestId("reasoning-panel");
  const toggle = panel.getByRole("button");
  await expect(panel).toHaveAttribute("data-state", "thinking");
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await expect(panel.getByTestId("reasoning-title")).toContainText("Thinking…");
  await expect(panel.getByTestId("reasoning-text")).toBeVisible();

  await expect(panel).toHaveAttribute("data-state", "done", { timeout: 20_000 });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(panel.getByTestId("reasoning-title")).toHaveText(/^Thought for \d+ s$/);
  await expect(panel.getByTestId("reasoning-text")).toBeHidden();
  await toggle.click();
  await expect(panel.getByTestId("reasoning-text")).toBeVisible();
  await chat.expectAnswered();
});

test("Stop ends the answer, and the model call on the server stops within a second", async ({ page }) => {
  const chat = new ChatPage(page);
  const tag = uniqueTag();
  await chat.goto();
  await chat.ask(`a long one ${tag} [[scenario:{"name":"slow","delayMs":150}]]`);
  await expect(chat.lastAnswer().getByTestId("reasoning-text")).not.toBeEmpty();
  // The answer is resumable, so going away alone would not stop it: Stop sends DELETE.
  const deleted = page.waitForRequest((request) => request.method() === "DELETE");
  const clickedAt = Date.now();
  await chat.stop.click();
  const deleteRequest = await deleted;
  expect(new URL(deleteRequest.url()).pathname).toMatch(/^\/api\/chat\/[\w-]{24}$/);
  // When the browser sent the DELETE (epoch ms) if it says, else when Stop was clicked.
  const stoppedAt = Math.max(clickedAt, deleteRequest.timing().startTime);

  await expect(chat.lastAnswer()).toHaveAttribute("data-status", "stopped");
  await expect(chat.lastAnswer().getByTestId("stopped-label")).toBeVisible();
  await expect(chat.stop).toBeHidden();
  await expect
    .poll(async () => (await chat.upstreamRequests(tag))[0]?.closedAt, { timeout: 10_000 })
    .toBeGreaterThan(0);
  const [request] = await chat.upstreamRequests(tag);
  expect((request?.closedAt ?? Infinity) - stoppedAt).toBeLessThan(1_000);
  expect(request?.completedAt).toBeUndefined();
});

test("markdown renders tables, highlighted code with a copy button, and math", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const answer = [
    "## Results",
    "",
    "| model | score |",
    "| --- | --- |",
    "| flash | 91 |",
    "",
    "```ts",
    "const answer: number = 42;",
    "```",
    "",
    "Euler: $e^{i\\pi} + 1 = 0$ and <b>raw html stays text</b>",
  ].join("\n");
  await page.route("**/api/chat", (route) =>
    route.fulfill({
      headers: { "content-type": "text/event-stream" },
      body: sseBody([
        ["start", { model: "deepseek-flash", reasoning: "disabled" }],
        ["message", { content: answer }],
        ["end", END_OK],
      ]),
    }),
  );
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.ask("show me some markdown");
  await chat.expectAnswered();
  const message = chat.lastAnswer();

  await expect(message.getByRole("table")).toContainText("flash");
  const code = message.getByTestId("code-block");
  await expect(code).toContainText("ts");
  await expect(code.locator("code.hljs .hljs-keyword").first()).toHaveText("const"); // highlighter loaded
  await expect(message.locator(".katex")).toHaveCount(1); // KaTeX loaded for the `$`
  await expect(message.locator("b")).toHaveCount(0);
  await expect(message).toContainText("<b>raw html stays text</b>");

  await code.getByTestId("copy-code").click();
  await expect(code.getByTestId("copy-code")).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("const answer: number = 42;");
});

test("an unclosed code fence at the stream's edge still renders as code", async ({ page }) => {
  await page.route("**/api/chat", (route) =>
    route.fulfill({
      headers: { "content-type": "text/event-stream" },
      body: sseBody([
        ["start", { model: "deepseek-flash", reasoning: "disabled" }],
        ["message", { content: "Here:\n\n```python\nprint('hi')\n" }],
        ["end", END_OK],
      ]),
    }),
  );
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.ask("half a code block");
  await chat.expectAnswered();
  await expect(chat.lastAnswer().getByTestId("code-block")).toContainText("print('hi')");
});
