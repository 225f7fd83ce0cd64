import { expect, type Page, test } from "@playwright/test";
import { ChatPage, uniqueTag } from "./pages/chat-page";

// Answers that survive the network (PROTOCOL.md section 8): the chat asks for resumable answers
// and re-attaches after a dropped connection or a reload, to the event, without asking twice.

const SLOW_TOOL = '[[scenario:{"name":"tool","delayMs":30}]]';

/**
 * The resume point saved in the browser with an answer that holds a tool call, if any: in the
 * history cache (the suite's app keeps history on the server; deepseek-chat is where the browser
 * keeps it when the server has none).
 */
/** How many of the open conversation's messages the server has saved with a tool call. */
async function savedWithTool(page: Page): Promise<number> {
  const id = /^\/c\/([^/]+)$/.exec(new URL(page.url()).pathname)?.[1];
  if (!id) return 0;
  const response = await page.request.get(`/api/conversations/${id}`);
  if (!response.ok()) return 0;
  const tree = (await response.json()) as { messages: { parts: { type: string }[] }[] };
  return tree.messages.filter((m) => m.parts.some((part) => part.type === "tool")).length;
}

/** What the page shows of an answer: its reasoning and its rendered text, for comparing runs. */
async function rendered(chat: ChatPage) {
  const answer = chat.lastAnswer();
  return {
    reasoning: await answer.getByTestId("reasoning-text").allTextContents(),
    text: await answer.locator(".markdown").allInnerTexts(),
    tools: await answer.getByTestId("tool-card").count(),
  };
}

/** The same question answered without interruption, in a new chat of the same page. */
async function uninterrupted(chat: ChatPage, prompt: string) {
  await chat.openSidebarIfDrawer();
  await chat.page.getByTestId("new-chat").first().click();
  await expect(chat.assistantMessages).toHaveCount(0);
  await chat.ask(prompt);
  await chat.expectAnswered();
  return rendered(chat);
}

test("offline mid-answer and back: the answer completes with nothing twice and one model call per round", async ({
  page,
  context,
}) => {
  const chat = new ChatPage(page);
  const tag = uniqueTag();
  const prompt = `分析一下 600519 ${tag} ${SLOW_TOOL}`;
  await chat.goto();
  await chat.ask(prompt);
  const answer = chat.lastAnswer();
  await expect(answer.getByTestId("tool-card")).toHaveCount(1);

  await context.setOffline(true);
  await expect(answer.getByTestId("reconnecting")).toBeVisible();
  await context.setOffline(false);
  await expect(answer.getByTestId("reconnecting")).toBeHidden();
  await chat.expectAnswered(answer);

  const got = await rendered(chat);
  expect(got.tools).toBe(1);
  // The tool round and the answer: two model calls, however the connection went.
  expect(await chat.upstreamRequests(tag)).toHaveLength(2);
  expect(got).toEqual(await uninterrupted(chat, prompt.replace(tag, uniqueTag())));
});

test("reload mid-answer: it re-attaches and finishes in place", async ({ page }) => {
  const chat = new ChatPage(page);
  const tag = uniqueTag();
  const prompt = `分析一下 600519 ${tag} ${SLOW_TOOL}`;
  await chat.goto();
  await chat.ask(prompt);
  // The server saves the answer at each tool result: wait until it has the tool call.
  await expect.poll(() => savedWithTool(page)).toBeGreaterThan(0);
  await chat.reload();

  const answer = chat.lastAnswer();
  await chat.expectAnswered(answer);
  await expect(chat.assistantMessages).toHaveCount(1);
  await expect(answer.getByTestId("stats")).toContainText("1 tool call");
  const got = await rendered(chat);
  expect(await chat.upstreamRequests(tag)).toHaveLength(2);
  expect(got).toEqual(await uninterrupted(chat, prompt.replace(tag, uniqueTag())));

  // And the finished answer stays finished across another reload.
  await chat.reload();
  await expect(chat.lastAnswer()).toHaveAttribute("data-status", "done");
});
