import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { ChatPage, UPSTREAM, type UpstreamRequest, uniqueTag } from "./pages/chat-page";
import { withSecondApp } from "./support/second-app";

// PROTOCOL.md section 24 in the browser: an app of its own whose server-everything echo is `ask`,
// its card's Allow once and Deny, the decision kept with the stored answer, and pictures of the
// waiting card in both languages.

const SHOTS = process.env.UPDATE_SCREENSHOTS === "1" ? "e2e/screenshots" : "test-results/screenshots";

function mcpConfig(): string {
  const everything = join(
    process.cwd(),
    "node_modules/@modelcontextprotocol/server-everything/dist/index.js",
  );
  const path = join(mkdtempSync(join(tmpdir(), "e2e-approval-")), "mcp.json");
  const server = {
    command: process.execPath,
    args: [everything, "stdio"],
    toolApproval: { echo: "ask", "get-sum": "ask" },
  };
  writeFileSync(path, JSON.stringify({ mcpServers: { everything: server } }));
  return path;
}

const app = withSecondApp({ MCP_CONFIG: mcpConfig(), RATE_LIMIT_PER_MIN: "0" });

const scenario = (message: string) =>
  `[[scenario:${JSON.stringify({ name: "tools", rounds: [[{ name: "echo", arguments: { message } }]] })}]]`;

async function open(page: Page): Promise<ChatPage> {
  await page.goto(`${app().url}/`);
  const chat = new ChatPage(page);
  await chat.waitUntilReady();
  return chat;
}

async function upstreamOf(page: Page, tag: string): Promise<UpstreamRequest[]> {
  const all = (await (await page.request.get(`${UPSTREAM}/__upstream/requests`)).json()) as UpstreamRequest[];
  return all.filter((request) => JSON.stringify(request.body).includes(tag));
}

test("Allow once: the card shows the tool, its server and arguments, runs it, and a reload shows it allowed", async ({
  page,
}) => {
  const chat = await open(page);
  const tag = uniqueTag();
  await chat.ask(`send it ${tag} ${scenario(`hello ${tag}`)}`);
  const card = chat.lastAnswer().getByTestId("tool-card");
  const allow = card.getByTestId("approval-allow");
  await expect(allow).toBeVisible();
  await expect(card.getByTestId("tool-name")).toHaveText("echo");
  await expect(card.getByTestId("tool-server")).toHaveText("everything");
  await expect(card.getByTestId("tool-arguments")).toContainText(`hello ${tag}`);
  await expect(card.getByTestId("tool-status")).toHaveText("Needs your approval to run");
  await expect(card.getByTestId("approval-always")).toBeVisible();
  await allow.click();
  await expect(card).toHaveAttribute("data-approval", "allow");
  await expect(card).toHaveAttribute("data-status", "done");
  await chat.expectAnswered();
  const [, second] = await upstreamOf(page, tag);
  expect(JSON.stringify(second?.body)).toContain(`Echo: hello ${tag}`);
  await chat.reload();
  const stored = chat.lastAnswer().getByTestId("tool-card");
  await expect(stored).toHaveAttribute("data-approval", "allow");
  await stored.getByRole("button", { expanded: false }).click();
  await expect(stored.getByTestId("approval-decision")).toHaveText("echo: Allowed");
  await expect(stored.getByTestId("approval-allow")).toHaveCount(0);
});

test("Deny: the tool does not run, the model reads that the user declined, and the answer ends", async ({
  page,
}) => {
  const chat = await open(page);
  const tag = uniqueTag();
  await chat.ask(`send it ${tag} ${scenario(`secret ${tag}`)}`);
  const card = chat.lastAnswer().getByTestId("tool-card");
  await card.getByTestId("approval-deny").click();
  await expect(card).toHaveAttribute("data-approval", "deny");
  await expect(card).toHaveAttribute("data-status", "failed");
  await expect(card.getByTestId("approval-decision")).toHaveText("echo: Denied");
  // The status took focus from the button that went away.
  await expect(card.getByTestId("approval-decision")).toBeFocused();
  await expect(card.getByTestId("tool-error")).toContainText("the user declined it");
  await chat.expectAnswered();
  const [, second] = await upstreamOf(page, tag);
  expect(JSON.stringify(second?.body)).toContain("the user declined it");
  expect(JSON.stringify(second?.body)).not.toContain(`Echo: secret ${tag}`);
});

test("Always allow runs the tool, and its next call in a new answer runs without asking", async ({
  page,
}) => {
  // get-sum, not echo: what Always allow keeps is this app's owner's, for every test after it.
  const sum = (a: number, b: number) =>
    `[[scenario:${JSON.stringify({ name: "tools", rounds: [[{ name: "get-sum", arguments: { a, b } }]] })}]]`;
  const chat = await open(page);
  const tag = uniqueTag();
  await chat.ask(`add ${tag} ${sum(2, 3)}`);
  const card = chat.lastAnswer().getByTestId("tool-card");
  const sent = page.waitForRequest((request) => request.url().endsWith("/approval"));
  await card.getByTestId("approval-always").click();
  const body = (await sent).postDataJSON() as Record<string, unknown>;
  expect(body).toEqual({ tool_call_id: expect.any(String), decision: "allow", always: true });
  await expect(card).toHaveAttribute("data-approval", "allow");
  await expect(card).toHaveAttribute("data-status", "done");
  await chat.expectAnswered();
  await chat.ask(`add again ${tag} ${sum(4, 5)}`);
  const next = chat.lastAnswer().getByTestId("tool-card");
  await expect(next).toHaveAttribute("data-status", "done");
  await expect(next).not.toHaveAttribute("data-approval", /./);
  await expect(next.getByTestId("approval-allow")).toHaveCount(0);
  await chat.expectAnswered();
  const requests = await upstreamOf(page, `add again ${tag}`);
  expect(JSON.stringify(requests.at(-1)?.body)).toContain("The sum of 4 and 5 is 9.");
});

test("the waiting card in English and Chinese (pictures)", async ({ browser }) => {
  for (const locale of ["en", "zh-CN"]) {
    const context = await browser.newContext({ locale, viewport: { width: 1000, height: 760 } });
    const page = await context.newPage();
    const chat = await open(page);
    await chat.ask(`${locale === "en" ? "Send the note" : "发送这条消息"} ${scenario("see you at 6")}`);
    const card = chat.lastAnswer().getByTestId("tool-card");
    await expect(card.getByTestId("approval-allow")).toHaveText(locale === "en" ? "Allow once" : "允许一次");
    await page.screenshot({
      path: `${SHOTS}/tool-approval-${locale === "en" ? "en" : "zh"}.png`,
      animations: "disabled",
    });
    await card.getByTestId("approval-deny").click();
    await chat.expectAnswered();
    await context.close();
  }
});
