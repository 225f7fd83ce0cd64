import { expect, type Page, type Response, test } from "@playwright/test";
import { ChatPage, uniqueTag } from "./pages/chat-page";
import { withGuardedApp } from "./support/second-app";

// The nonce CSP (proxy.ts) in a real browser: the login page and the chat page, through a whole
// answer (reasoning, a tool card, markdown with highlighted code and KaTeX math, all loaded on
// demand), must run without a single violation. The login page only shows with an access code, so
// this file starts a guarded `next start` of the same build, as access.spec.ts does.

const ACCESS_CODE = "csp-secret-3";

// Reasoning, a tool round, then an answer that needs the highlighter's and KaTeX's chunks.
const ANSWER = [
  "## 600519",
  "",
  "```ts",
  "const change = (price - prevClose) / prevClose;",
  "```",
  "",
  "$$\\frac{1680.5 - 1660.0}{1660.0} \\approx 1.2\\%$$",
].join("\n");
const FULL_ANSWER = `[[scenario:${JSON.stringify({
  name: "tools",
  rounds: [[{ name: "get_stock_info", arguments: { code: "600519" } }]],
  text: ANSWER,
})}]]`;

const guarded = withGuardedApp(ACCESS_CODE);

/** Every CSP violation and console error of the page, from before its first script on. */
async function watch(page: Page): Promise<string[]> {
  const problems: string[] = [];
  await page.exposeFunction("__cspViolation", (line: string) => problems.push(line));
  // Init scripts come from the browser's devtools protocol, so the page's CSP does not apply to them.
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __cspViolation(line: string): void }).__cspViolation;
      report(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} (${event.sample})`);
    });
  });
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  return problems;
}

function scriptSrc(response: Response | null): string {
  const csp = response?.headers()["content-security-policy"] ?? "";
  return csp.split(";").find((directive) => directive.trim().startsWith("script-src")) ?? "";
}

function nonceOf(directive: string): string | undefined {
  return /'nonce-([A-Za-z0-9+/=]+)'/.exec(directive)?.[1];
}

test("the login page and the chat page run a whole answer without a CSP violation", async ({ page }) => {
  const problems = await watch(page);

  const login = await page.goto(`${guarded().url}/login?next=%2F`);
  const loginScripts = scriptSrc(login);
  expect(nonceOf(loginScripts)).toBeDefined();
  expect(loginScripts).not.toContain("'unsafe-inline'");
  const code = page.getByTestId("access-code-input");
  await code.fill(ACCESS_CODE);
  await code.press("Enter");
  await expect(page).toHaveURL(`${guarded().url}/`);

  const chat = new ChatPage(page);
  await chat.waitUntilReady();
  // The theme script ran (it sets lang before hydration): the nonce let it through.
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await chat.ask(`分析一下 600519 ${uniqueTag()} ${FULL_ANSWER}`);
  await chat.expectAnswered();
  const answer = chat.lastAnswer();
  await expect(answer.getByTestId("reasoning-panel")).toHaveCount(2);
  await expect(answer.getByTestId("tool-card")).toHaveAttribute("data-status", "done");
  await expect(answer.getByTestId("code-block").locator(".hljs-keyword").first()).toHaveText("const");
  await expect(answer.locator(".katex")).toHaveCount(1);

  // A reload renders the saved conversation from scratch: the second page load of the chat.
  await chat.reload();
  await expect(chat.lastAnswer().locator(".katex")).toHaveCount(1);
  expect(problems).toEqual([]);
});

test("every page load gets a new nonce, and script-src never allows inline scripts", async ({ page }) => {
  const problems = await watch(page);
  const nonces: string[] = [];
  const load = async (path: string) => {
    const response = await page.goto(`${guarded().url}${path}`);
    const directive = scriptSrc(response).trim();
    expect(directive, path).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'$/);
    nonces.push(nonceOf(directive) ?? "");
  };
  await load("/login");
  await load("/login");
  expect(
    (await page.request.post(`${guarded().url}/api/login`, { data: { code: ACCESS_CODE } })).status(),
  ).toBe(200);
  await load("/");
  await new ChatPage(page).waitUntilReady();
  await load("/no-such-page");
  await expect(page.getByRole("heading", { name: "404" })).toBeVisible();
  expect(new Set(nonces).size).toBe(4);
  // The not-found page's own 404 is the only console line allowed.
  expect(problems.filter((line) => !/404 \(Not Found\)/.test(line))).toEqual([]);
});
