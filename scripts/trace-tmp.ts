import { writeFileSync } from "node:fs";
import { launchChromium } from "../bench/client-render";
import { startApp } from "../e2e/integration/app-server";
import { startUpstream } from "../e2e/upstream/server";

const upstream = await startUpstream();
const app = await startApp({
  DEEPSEEK_API_KEY: "sk-test",
  DEEPSEEK_BASE_URL: upstream.url,
  RATE_LIMIT_PER_MIN: "0",
});
const browser = await launchChromium();
for (let run = 0; run < 2; run++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${app.url}/`);
  await page.locator("[data-ready]").waitFor();
  await page
    .getByTestId("composer-input")
    .fill(`x #${run}# [[scenario:{"name":"long","chunks":5000,"delayMs":0}]]`);
  await page.waitForTimeout(1000);
  await browser.startTracing(page, {
    categories: ["toplevel", "devtools.timeline", "disabled-by-default-v8.cpu_profiler", "v8.execute"],
  });
  await page.getByTestId("composer-input").press("Enter");
  await page.getByTestId("assistant-message").last().and(page.locator('[data-status="done"]')).waitFor();
  const buf = await browser.stopTracing();
  writeFileSync(`/tmp/ours-trace-${run}.json`, buf);
  await context.close();
}
await browser.close();
await app.close();
await upstream.close();
