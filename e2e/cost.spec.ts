import { expect, type Page, test } from "@playwright/test";
import { ChatPage, uniqueTag } from "./pages/chat-page";

// What an answer cost (PROTOCOL.md section 16), computed here by hand from the tokens the server
// stored and DeepSeek's published rates, and compared with what the page shows.

// deepseek-flash per million tokens, as of 2026-11-15: cache hit, cache miss, output; peak twice.
const FLASH = { usd: { hit: 0.003, miss: 0.15, output: 0.6 }, cny: { hit: 0.02, miss: 1, output: 4 } };

interface Tokens {
  prompt: number;
  completion: number;
  cached?: number;
}

/** Weekdays 09:00–12:00 and 14:00–18:00 in Beijing (UTC+8). */
function isPeak(at: Date): boolean {
  const beijing = new Date(at.getTime() + 8 * 3_600_000);
  const day = beijing.getUTCDay();
  const hour = beijing.getUTCHours();
  return day >= 1 && day <= 5 && ((hour >= 9 && hour < 12) || (hour >= 14 && hour < 18));
}

function byHand(tokens: Tokens, currency: "usd" | "cny", peak: boolean): number {
  const rates = FLASH[currency];
  const hits = tokens.cached ?? 0;
  const sum = hits * rates.hit + (tokens.prompt - hits) * rates.miss + tokens.completion * rates.output;
  return (sum / 1e6) * (peak ? 2 : 1);
}

const twoDigits = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 2 });

async function storedStats(page: Page) {
  const id = /^\/c\/([^/]+)$/.exec(new URL(page.url()).pathname)?.[1];
  expect(id).toBeTruthy();
  const tree = (await (await page.request.get(`/api/conversations/${id}`)).json()) as {
    messages: {
      role: string;
      stats?: { tokens: Tokens; cost?: { usd: number; cny: number; as_of: string } };
    }[];
  };
  const stats = tree.messages.find((m) => m.role === "assistant")?.stats;
  if (!stats) throw new Error("the answer was stored without stats");
  return stats;
}

test("an answer's cost and cache-hit rate, under it and in the header, match a hand computation", async ({
  page,
}) => {
  const chat = new ChatPage(page);
  await chat.goto();
  const before = isPeak(new Date());
  // Two model rounds around a tool call: the second reads most of its prompt from the cache.
  await chat.ask(`分析一下 600519 ${uniqueTag()} [[scenario:tool]]`);
  await chat.expectAnswered();
  const after = isPeak(new Date());
  const { tokens, cost } = await storedStats(page);
  expect(tokens.cached).toBeGreaterThan(0);

  // At a peak-hour edge either rate may be the right one; otherwise exactly one is.
  const candidates = [...new Set([before, after])];
  const matching = candidates.filter(
    (peak) => Math.abs((cost?.usd ?? 0) - byHand(tokens, "usd", peak)) < 1e-12,
  );
  expect(matching).toHaveLength(1);
  const peak = matching[0] ?? false;
  expect(cost?.cny).toBeCloseTo(byHand(tokens, "cny", peak), 12);
  expect(cost?.as_of).toBe("2026-11-15");

  const usd = `$${twoDigits.format(byHand(tokens, "usd", peak))}`;
  const share = `${Math.round(((tokens.cached ?? 0) / tokens.prompt) * 100)}%`;
  const stats = chat.lastAnswer().getByTestId("stats");
  const figure = stats.locator("[data-stat=cost] [title]");
  const cached = stats.locator("[data-stat=cached] [title]");
  await expect(figure).toHaveText(usd);
  await expect(figure).toHaveAttribute(
    "title",
    new RegExp(`^\\${usd} · ¥[\\d.]+ · prices as of 2026-11-15$`),
  );
  await expect(cached).toHaveText(`cache hits ${share}`);
  await expect(cached).toHaveAttribute("title", /read from the cache$/);

  // The conversation's total: one answer so far.
  const header = page.getByTestId("conversation-cost");
  await expect(header).toContainText(`${usd} · cache hits ${share}`);
  await expect(header).toHaveAttribute("title", /^1 answer, every version included: /);
  await stats.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath("cost-en.png") });

  // Chinese readers see yuan.
  await page.getByTestId("locale-zh").click();
  const cny = `¥${twoDigits.format(byHand(tokens, "cny", peak))}`;
  await expect(figure).toHaveText(cny);
  await expect(figure).toHaveAttribute("title", /价格截至 2026-11-15$/);
  await expect(cached).toHaveText(`缓存命中 ${share}`);
  await expect(header).toContainText(`${cny} · 缓存命中 ${share}`);
  await page.screenshot({ path: test.info().outputPath("cost-zh.png") });

  // A regenerated answer was paid for too: the header counts both versions.
  await page.getByTestId("locale-en").click();
  await chat.lastAnswer().getByTestId("regenerate").click();
  await expect(header).toHaveAttribute("title", /^2 answers, every version included: /);
});
