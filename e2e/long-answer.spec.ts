import { expect, test } from "@playwright/test";
import { ChatPage, uniqueTag } from "./pages/chat-page";

// A 5,000-chunk answer with markdown, code and tables, streamed through the real server as fast
// as the scripted upstream can send it, must not freeze the page. Long tasks are measured in the
// browser (PerformanceObserver 'longtask'); the figures are printed for the issue notes.

test("a 5,000-chunk markdown answer streams without freezing the page", async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const chat = new ChatPage(page);
  await chat.goto();
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
    }).observe({ type: "longtask", buffered: false });
  });
  const started = Date.now();
  await chat.ask(`Write a long report ${uniqueTag()} [[scenario:{"name":"long","chunks":5000}]]`);
  await chat.expectAnswered();
  const elapsed = Date.now() - started;

  const answer = chat.lastAnswer();
  await expect(answer.locator("pre").first()).toBeVisible();
  await expect(answer.locator("table").first()).toBeVisible();
  const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
  const longest = Math.max(0, ...longTasks);
  const blocked = longTasks.reduce((sum, d) => sum + d, 0);
  const report = `5,000 chunks: ${elapsed} ms to the finished answer; ${longTasks.length} long tasks, longest ${Math.round(longest)} ms, ${Math.round(blocked)} ms in long tasks`;
  console.log(report);
  testInfo.annotations.push({ type: "measurement", description: report });
  // "Without freezing". Typical here is no task over 50 ms at all since markdown renders deferred
  // and code blocks share one highlighter (it was 90–190 ms before); the bound leaves room for a
  // loaded CI machine, and `npm run bench` checks the 50 ms target (bench/targets.ts) without Playwright polling.
  expect(longest).toBeLessThan(250);
});
