import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { ChatPage, uniqueTag } from "./pages/chat-page";

// Layout, themes, accessibility and scrolling: the parts a person notices before reading a word.

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const widest = Math.max(
      ...[...document.querySelectorAll("body *")].map((el) => el.getBoundingClientRect().right),
    );
    return Math.max(document.documentElement.scrollWidth, Math.round(widest)) - window.innerWidth;
  });
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("no horizontal overflow at 390 px, and the sidebar is a drawer", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const chat = new ChatPage(page);
  const tag = uniqueTag();
  await chat.goto();
  await expect(chat.sidebar).toBeHidden();
  await chat.ask(`分析一下 600519 ${tag} [[scenario:tool]]`);
  await chat.expectAnswered();
  await chat.lastAnswer().getByTestId("tool-card").getByRole("button").first().click();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

  await page.getByTestId("sidebar-toggle").click();
  await expect(chat.sidebar).toBeVisible();
  // The suite's owner is shared by every test: this test's own conversation.
  await expect(chat.conversations.filter({ hasText: tag })).toHaveCount(1);
  await page.keyboard.press("Escape");
  await expect(chat.sidebar).toBeHidden();
});

test("no serious or critical accessibility violations, light and dark", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.goto();
  expect(await seriousViolations(page)).toEqual([]);
  await chat.ask(`分析一下 600519 ${uniqueTag()} [[scenario:tool]]`);
  await chat.expectAnswered();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByTestId("theme-dark").click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  expect(await seriousViolations(page)).toEqual([]);
});

test("the theme choice is applied before paint on the next visit", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  const chat = new ChatPage(page);
  await chat.goto();
  await expect(page.locator("html")).not.toHaveClass(/dark/);
  await page.getByTestId("theme-dark").click();
  await expect(page.locator("html")).toHaveClass(/dark/);

  // Read the class as the HTML is parsed, before any React code runs.
  await page.reload({ waitUntil: "commit" });
  const early = await page.evaluate(
    () =>
      new Promise<boolean>((resolve) => {
        if (document.readyState !== "loading") resolve(document.documentElement.classList.contains("dark"));
        else
          document.addEventListener("DOMContentLoaded", () =>
            resolve(document.documentElement.classList.contains("dark")),
          );
      }),
  );
  expect(early).toBe(true);

  await chat.waitUntilReady();
  await page.getByTestId("theme-system").click();
  await expect(page.locator("html")).not.toHaveClass(/dark/);
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(page.locator("html")).toHaveClass(/dark/);
});

test("auto-scroll follows the answer until the reader scrolls up; Jump to latest returns", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1000, height: 560 });
  const chat = new ChatPage(page);
  await chat.goto();
  const long = Array.from({ length: 40 }, (_, i) => `Line ${i + 1} of a long answer.`).join("\\n\\n");
  await chat.ask(
    `scroll ${uniqueTag()} [[scenario:{"name":"slow","delayMs":20,"reasoning":"Short.","text":"${long}"}]]`,
  );

  const scroller = page.getByRole("region", { name: "Conversation" });
  const distanceFromBottom = () =>
    scroller.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
  await expect(chat.lastAnswer()).toContainText("Line 6 ");
  await expect.poll(distanceFromBottom).toBeLessThan(64);

  await scroller.hover();
  await page.mouse.wheel(0, -600);
  const jump = page.getByTestId("jump-to-latest");
  await expect(jump).toBeVisible();
  const parked = await scroller.evaluate((el) => el.scrollTop);
  await expect(chat.lastAnswer()).toContainText("Line 16 ", { timeout: 10_000 });
  expect(await scroller.evaluate((el) => el.scrollTop)).toBe(parked); // not pulled down

  await jump.click();
  await expect(jump).toBeHidden();
  await chat.expectAnswered();
  await expect.poll(distanceFromBottom).toBeLessThan(64);
});

test("no console errors or hydration warnings through a round trip and a reload", async ({ page }) => {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(message.text());
  });
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.ask(`分析一下 600519 ${uniqueTag()} [[scenario:tool]]`);
  await chat.expectAnswered();
  await chat.reload();
  await expect(chat.lastAnswer()).toHaveAttribute("data-status", "done");
  expect(problems).toEqual([]);
});
