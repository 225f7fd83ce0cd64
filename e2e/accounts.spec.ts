import AxeBuilder from "@axe-core/playwright";
import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { ChatPage, uniqueTag } from "./pages/chat-page";
import { withSecondApp } from "./support/second-app";

// Accounts mode (PROTOCOL.md section 14) in a browser, on a second app of the build with
// AUTH_SECRET set (Playwright's own app stays open for every other spec): an admin and a second
// person sign up in two browser contexts, the admin approves the second, each sees only their own
// conversations, the second changes his password in its dialog, both sign out, and he signs in
// with the new one. The admin page shows the admin's answer in the usage chart and totals, and the
// approval in its audit log. Pictures of the sign-in page, the pending state, the account menu and
// the admin page, in English and Chinese (the admin page in dark mode too).
const SHOTS = process.env.UPDATE_SCREENSHOTS === "1" ? "e2e/screenshots" : "test-results/screenshots";
const PASSWORD = "correct horse battery";
const NEW_PASSWORD = "a new password, longer";
/** The admin the first test makes, for the second (the file runs in order: withSecondApp). */
let adminEmail = "";

const app = withSecondApp(
  { AUTH_SECRET: "playwright-accounts-secret-0123456789", RATE_LIMIT_PER_MIN: "0" },
  async (server) => {
    // Opens the store (and the accounts library) before the first test waits on a page.
    const session = await fetch(`${server.url}/api/auth/get-session`);
    if (!session.ok) throw new Error(`the accounts app answered ${session.status}`);
  },
);

async function newPerson(
  browser: Browser,
  locale: "en-US" | "zh-CN",
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: app().url, locale });
  return { context, page: await context.newPage() };
}

async function signUp(page: Page, name: string, email: string): Promise<void> {
  await page.goto("/sign-up");
  await page.getByTestId("name-input").fill(name);
  await page.getByTestId("email-input").fill(email);
  await page.getByTestId("password-input").fill(PASSWORD);
  await page.getByTestId("sign-up-submit").click();
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function ask(page: Page, question: string): Promise<void> {
  const chat = new ChatPage(page);
  await chat.waitUntilReady();
  await chat.ask(question);
  await chat.expectAnswered();
  await expect(chat.conversations.first()).toContainText(question.slice(0, 12));
}

/**
 * The admin's one answer so far, in the usage report: its tokens as the answer's own stats give
 * them, a bar for it in the chart, and the same figures in the "everyone" row.
 */
async function expectAnnsUsage(page: Page, email: string): Promise<void> {
  const list = await (await page.request.get("/api/conversations")).json();
  const conversation = await (
    await page.request.get(`/api/conversations/${list.conversations[0].id}`)
  ).json();
  const answer = conversation.messages.find((message: { role: string }) => message.role === "assistant");
  const total: number = answer.stats.tokens.total;
  expect(total).toBeGreaterThan(0);
  await expect(page.getByTestId("usage")).toHaveAttribute("data-state", "loaded");
  const annRow = page.locator(`[data-testid="usage-person"][data-email="${email}"]`);
  await expect(annRow).toHaveAttribute("data-total-tokens", String(total));
  await expect(annRow.getByTestId("answers")).toHaveText("1");
  await expect(page.getByTestId("usage-total")).toHaveAttribute("data-total-tokens", String(total));
  await expect(page.getByTestId("usage-chart").locator(".recharts-bar-rectangle")).not.toHaveCount(0);
  // The period picker asks again: a week still holds today's answer.
  await page.getByTestId("period-7").click();
  await expect(page.getByTestId("period-7")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("usage")).toHaveAttribute("data-state", "loaded");
  await expect(annRow).toHaveAttribute("data-total-tokens", String(total));
}

test("an admin approves a second person; each keeps their own conversations; both sign out", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const tag = uniqueTag();
  const ann = await newPerson(browser, "en-US");
  const bob = await newPerson(browser, "en-US");

  await ann.page.goto("/");
  await expect(ann.page).toHaveURL(/\/sign-in\?next=%2F$/);
  await expect(ann.page.getByTestId("sign-in-form")).toBeVisible();
  await ann.page.screenshot({ path: `${SHOTS}/accounts-sign-in-en.png` });
  await ann.page.getByTestId("to-sign-up").click();
  await expect(ann.page.getByTestId("admin-hint")).toContainText("ADMIN_EMAILS");
  // The first account made from this machine, with ADMIN_EMAILS unset, is the admin.
  adminEmail = `ann-${tag}@example.com`;
  await signUp(ann.page, "Ann", adminEmail);
  await ask(ann.page, `Ann's question ${tag}`);

  await signUp(bob.page, "Bob", `bob-${tag}@example.com`);
  await expect(bob.page.getByTestId("account-pending")).toHaveAttribute("data-status", "pending");
  await bob.page.screenshot({ path: `${SHOTS}/accounts-pending-en.png` });

  await ann.page.getByTestId("account-button").click();
  await expect(ann.page.getByTestId("account-menu")).toBeVisible();
  await ann.page.screenshot({ path: `${SHOTS}/accounts-menu-en.png` });
  await ann.page.getByTestId("menu-admin").click();
  await expect(ann.page).toHaveURL(/\/admin$/);
  const bobRow = ann.page.locator(`[data-testid="person"][data-email="bob-${tag}@example.com"]`);
  await expect(bobRow).toHaveAttribute("data-status", "pending");
  await expectAnnsUsage(ann.page, adminEmail);
  await ann.page.screenshot({ path: `${SHOTS}/accounts-admin-en.png`, fullPage: true });
  await bobRow.getByTestId("approve").click();
  await expect(bobRow).toHaveAttribute("data-status", "active");
  // The audit log, newest first, says who approved whom, with the status before and after.
  const approval = ann.page.getByTestId("audit-entry").first();
  await expect(approval).toHaveAttribute("data-target", `bob-${tag}@example.com`);
  await expect(approval).toContainText("Ann approved Bob");
  await expect(approval.getByTestId("audit-change")).toHaveText("status: Waiting → Active");

  // Bob's budget: 5,000 tokens a day and no money limit, saved and written to the audit log.
  await bobRow.getByTestId("edit-budget").click();
  const editor = bobRow.getByTestId("budget-editor");
  await editor.getByTestId("budget-tokens").locator("select").selectOption("custom");
  await editor.getByTestId("budget-tokens").locator("input").fill("5000");
  await editor.getByTestId("budget-usd").locator("select").selectOption("unlimited");
  await editor.getByTestId("budget-save").click();
  const budgetLine = ann.page.getByTestId("audit-entry").first();
  await expect(budgetLine).toContainText("Ann changed the budget of Bob");
  await expect(budgetLine.getByTestId("audit-change")).toHaveText([
    "Tokens a day: default → 5,000",
    "Dollars a month: default → Unlimited",
  ]);
  const saved = await ann.page.request.get(`/api/people/${await bobRow.getAttribute("data-id")}/budget`);
  expect(await saved.json()).toMatchObject({
    tokens_per_day: { setting: 5000, limit: 5000 },
    usd_per_month: { setting: "unlimited", limit: null },
  });

  await bob.page.getByTestId("check-again").click();
  const bobChat = new ChatPage(bob.page);
  await bobChat.waitUntilReady();
  await expect(bob.page.getByTestId("account-name")).toHaveText("Bob");
  await expect(bobChat.conversations).toHaveCount(0);
  await ask(bob.page, `Bob's question ${tag}`);
  await expect(bobChat.conversations).toHaveCount(1);

  // Bob changes his password in the account menu's dialog, and signs in with it below.
  await bob.page.getByTestId("account-button").click();
  await bob.page.getByTestId("menu-change-password").click();
  const dialog = bob.page.getByTestId("change-password-dialog");
  await expect(dialog).toBeVisible();
  await dialog.locator("#current-password").fill(PASSWORD);
  await dialog.locator("#new-password").fill(NEW_PASSWORD);
  await dialog.getByTestId("change-password-submit").click();
  await expect(dialog.getByTestId("password-changed")).toBeVisible();
  await bob.page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  await ann.page.goto("/");
  const annChat = new ChatPage(ann.page);
  await annChat.waitUntilReady();
  await expect(annChat.conversations).toHaveCount(1);
  await expect(annChat.conversations.first()).toContainText("Ann's question");

  for (const person of [ann, bob]) {
    await person.page.getByTestId("account-button").click();
    await person.page.getByTestId("menu-sign-out").click();
    await expect(person.page).toHaveURL(/\/sign-in$/);
    await person.page.goto("/");
    await expect(person.page).toHaveURL(/\/sign-in\?next=%2F$/);
  }
  await bob.page.getByTestId("email-input").fill(`bob-${tag}@example.com`);
  await bob.page.getByTestId("password-input").fill(NEW_PASSWORD);
  await bob.page.getByTestId("sign-in-submit").click();
  await expect(bob.page.getByTestId("account-name")).toHaveText("Bob");
  for (const person of [ann, bob]) await person.context.close();
});

test("the account pages in Chinese", async ({ browser }) => {
  test.setTimeout(60_000);
  const tag = uniqueTag();
  const carol = await newPerson(browser, "zh-CN");
  await carol.page.goto("/sign-in");
  await expect(carol.page.getByTestId("sign-in-submit")).toHaveText("登录");
  await carol.page.screenshot({ path: `${SHOTS}/accounts-sign-in-zh.png` });
  await signUp(carol.page, "Carol", `carol-${tag}@example.com`);
  await expect(carol.page.getByTestId("account-pending")).toContainText("等待批准");
  await carol.page.screenshot({ path: `${SHOTS}/accounts-pending-zh.png` });

  // The admin from the first test, now in Chinese.
  const admin = await newPerson(browser, "zh-CN");
  await admin.page.goto("/sign-in");
  await admin.page.getByTestId("email-input").fill(adminEmail);
  await admin.page.getByTestId("password-input").fill(PASSWORD);
  await admin.page.getByTestId("sign-in-submit").click();
  await new ChatPage(admin.page).waitUntilReady();
  await admin.page.getByTestId("account-button").click();
  await expect(admin.page.getByTestId("menu-admin")).toHaveText("管理");
  await admin.page.screenshot({ path: `${SHOTS}/accounts-menu-zh.png` });
  await admin.page.getByTestId("menu-admin").click();
  const carolRow = admin.page.locator(`[data-testid="person"][data-email="carol-${tag}@example.com"]`);
  await expect(carolRow.getByTestId("approve")).toHaveText("批准");
  await expect(admin.page.getByTestId("usage-chart")).toBeVisible();
  // Newest first: Bob's budget, then his approval.
  await expect(admin.page.getByTestId("audit-entry").first()).toContainText("每日 token: 默认 → 5,000");
  await expect(admin.page.getByTestId("audit-entry").nth(1)).toContainText("批准了");
  await admin.page.screenshot({ path: `${SHOTS}/accounts-admin-zh.png`, fullPage: true });
  expect(await seriousViolations(admin.page)).toEqual([]);
  // The page takes the system's theme as it loads (the layout's theme script).
  await admin.page.emulateMedia({ colorScheme: "dark" });
  await admin.page.reload();
  await expect(admin.page.locator("html")).toHaveClass(/dark/);
  await expect(admin.page.getByTestId("usage")).toHaveAttribute("data-state", "loaded");
  await expect(admin.page.getByTestId("audit-entry").first()).toBeVisible();
  await admin.page.screenshot({ path: `${SHOTS}/accounts-admin-zh-dark.png`, fullPage: true });
  expect(await seriousViolations(admin.page)).toEqual([]);
  // On a phone the page scrolls down, never sideways: the totals table scrolls within its box.
  await admin.page.setViewportSize({ width: 390, height: 844 });
  await expect(admin.page.getByTestId("usage-chart")).toBeVisible();
  const overflow = await admin.page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBe(0);
  await admin.page.screenshot({ path: "test-results/screenshots/accounts-admin-phone.png", fullPage: true });
  await carol.context.close();
  await admin.context.close();
});
