import { expect, type Page, test } from "@playwright/test";
import { ChatPage, uniqueTag } from "./pages/chat-page";

// How much of the model's context window a conversation takes (PROTOCOL.md section 19). The suite's
// app gives deepseek-v4-pro a window of 4,000 tokens (playwright.config.ts) so its limits can be
// reached; deepseek-flash keeps DeepSeek's 1M.

const meterValue = async (page: Page) =>
  Number(await page.getByTestId("context-gauge").locator("meter").getAttribute("value"));

test("the gauge grows with the conversation and the draft, warns near the limit, and a turn that cannot fit gets a sentence", async ({
  page,
}) => {
  const chat = new ChatPage(page);
  const gauge = page.getByTestId("context-gauge");
  await chat.goto();
  await expect(gauge).toHaveCount(0); // nothing to measure yet

  await chat.input.fill("hello");
  await expect(gauge).toBeVisible();
  await expect(gauge.locator("meter")).toHaveAttribute("max", "1000000");
  await chat.input.fill("");
  // Tool answers: the scripted upstream counts their prompts from the request, so they grow.
  await chat.ask(`分析一下 600519 ${uniqueTag()} [[scenario:tool]]`);
  await chat.expectAnswered();
  const afterOne = await meterValue(page);
  expect(afterOne).toBeGreaterThan(0);
  await chat.ask(`再分析一下 600519 ${uniqueTag()} [[scenario:tool]]`);
  await chat.expectAnswered();
  await expect.poll(() => meterValue(page)).toBeGreaterThan(afterOne);
  await expect(gauge).toHaveAttribute("data-level", "ok");

  // The draft counts too: about 0.3 token an English character.
  const before = await meterValue(page);
  await chat.input.fill("a".repeat(1_000));
  await expect.poll(() => meterValue(page)).toBeGreaterThanOrEqual(before + 300);

  // A model with a small window, in a new chat: near its limit, then past it.
  await page.getByTestId("new-chat").first().click();
  await chat.modelPicker.selectOption("deepseek-v4-pro");
  await expect(gauge.locator("meter")).toHaveAttribute("max", "4000");
  await chat.input.fill("a".repeat(11_000));
  await expect(gauge).toHaveAttribute("data-level", "near");
  await expect(page.getByTestId("context-warning")).toHaveText("Near the limit");
  await expect(gauge).toHaveAttribute(
    "title",
    /^About 3,30\d of 4,000 tokens the model can read\nA few more long turns/,
  );
  await chat.input.fill(`${"a".repeat(14_000)} ${uniqueTag()}`);
  await expect(gauge).toHaveAttribute("data-level", "over");
  await page.screenshot({ path: test.info().outputPath("context-over-en.png") });

  // Sent anyway: the server refuses before calling the model, saying why and what to do.
  await chat.input.press("Enter");
  const notice = chat.lastAnswer().getByTestId("error-notice");
  await expect(notice).toContainText("This conversation is too long for deepseek-v4-pro");
  await expect(notice).toContainText("Start a new chat, or edit an earlier message");
  await chat.modelPicker.selectOption("deepseek-flash");
});

test("on a phone the composer's row fits: the model's name gives way, not the send button", async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.modelPicker.selectOption("deepseek-v4-pro");
  await chat.input.fill("a".repeat(11_000));
  await expect(page.getByTestId("context-gauge")).toHaveAttribute("data-level", "near");
  await expect(page.getByTestId("context-gauge").locator("meter")).toHaveAttribute(
    "aria-valuetext",
    /接近上限|再有几轮/,
  );
  const row = page.getByTestId("effort-picker").locator("xpath=../..");
  const fits = await row.evaluate((element) => element.scrollWidth <= element.clientWidth);
  expect(fits).toBe(true);
  // Nothing in the row overlaps its neighbour.
  const boxes = await row.evaluate((element) =>
    [...element.children].map((child) => child.getBoundingClientRect()).map((box) => [box.left, box.right]),
  );
  for (let i = 1; i < boxes.length; i++) expect(boxes[i]?.[0]).toBeGreaterThanOrEqual(boxes[i - 1]?.[1] ?? 0);
  await expect(page.getByTestId("send")).toBeInViewport();
  await page.screenshot({ path: test.info().outputPath("context-near-zh-phone.png") });
  await context.close();
});
