import { expect, test } from "@playwright/test";
import { ChatPage, uniqueTag } from "./pages/chat-page";

// The composer's controls and the message actions, checked against what the upstream received.

test("the reasoning toggle sets the request's thinking and is remembered", async ({ page }) => {
  const chat = new ChatPage(page);
  const off = uniqueTag();
  const on = uniqueTag();
  await chat.goto();
  await expect(chat.reasoningToggle).toHaveAccessibleName("Reasoning");
  await expect(chat.reasoningToggle).toHaveAttribute("aria-pressed", "true");

  await chat.reasoningToggle.click();
  await expect(chat.reasoningToggle).toHaveAttribute("aria-pressed", "false");
  await chat.ask(`no thinking ${off}`);
  await chat.expectAnswered();
  await expect(chat.lastAnswer().getByTestId("reasoning-panel")).toHaveCount(0);
  const [withoutThinking] = await chat.upstreamRequests(off);
  expect(withoutThinking?.body?.thinking?.type).toBe("disabled");

  await chat.reload();
  await expect(chat.reasoningToggle).toHaveAttribute("aria-pressed", "false");
  await chat.reasoningToggle.click();
  await chat.ask(`with thinking ${on}`);
  await chat.expectAnswered();
  await expect(chat.lastAnswer().getByTestId("reasoning-panel")).toHaveCount(1);
  const [withThinking] = await chat.upstreamRequests(on);
  expect(withThinking?.body?.thinking?.type).toBe("enabled");
});

test("the model picker chooses the request's model", async ({ page }) => {
  const chat = new ChatPage(page);
  const tag = uniqueTag();
  await chat.goto();
  await expect(chat.modelPicker).toHaveValue("deepseek-flash");
  await chat.modelPicker.selectOption("deepseek-v4-pro");
  await chat.ask(`which model ${tag}`);
  await chat.expectAnswered();
  const [request] = await chat.upstreamRequests(tag);
  expect(request?.body?.model).toBe("deepseek-v4-pro");
  await chat.reload();
  await expect(chat.modelPicker).toHaveValue("deepseek-v4-pro");
});

test("the effort picker sets reasoning_effort while thinking is on, and each conversation keeps its own", async ({
  page,
}) => {
  const chat = new ChatPage(page);
  const [deep, quick] = [uniqueTag(), uniqueTag()];
  const effort = page.getByTestId("effort-picker");
  await chat.goto();
  await expect(effort).toHaveValue("high");
  await expect(effort).toHaveAccessibleName("Thinking effort");
  await chat.reasoningToggle.click();
  await expect(effort).toHaveCount(0);
  await chat.reasoningToggle.click();

  await effort.selectOption("max");
  await chat.ask(`think hard ${deep}`);
  await chat.expectAnswered();
  const [hard] = await chat.upstreamRequests(deep);
  expect(hard?.body?.reasoning_effort).toBe("max");
  const deepUrl = page.url();

  await page.getByTestId("new-chat").first().click();
  await expect(effort).toHaveValue("max"); // a new chat takes the last choice
  await effort.selectOption("low");
  await chat.ask(`think briefly ${quick}`);
  await chat.expectAnswered();
  const [brief] = await chat.upstreamRequests(quick);
  expect(brief?.body?.reasoning_effort).toBe("low");

  // Opening a conversation brings back its own effort, after a reload too (the server keeps it).
  await page.goto(deepUrl);
  await chat.waitUntilReady();
  await expect(effort).toHaveValue("max");
  await page.getByTestId("conversation-item").filter({ hasText: quick }).click();
  await expect(effort).toHaveValue("low");

  // Thinking off: no effort is sent at all.
  const none = uniqueTag();
  await chat.reasoningToggle.click();
  await chat.ask(`no thinking ${none}`);
  await chat.expectAnswered();
  const [off] = await chat.upstreamRequests(none);
  expect(off?.body).not.toHaveProperty("reasoning_effort");
  await chat.reasoningToggle.click();
});

test("Regenerate replaces the last answer with a new request", async ({ page }) => {
  const chat = new ChatPage(page);
  const tag = uniqueTag();
  await chat.goto();
  await chat.ask(`regenerate me ${tag}`);
  await chat.expectAnswered();
  const first = await chat.lastAnswer().getAttribute("data-testid");
  expect(first).toBe("assistant-message");

  await chat.lastAnswer().getByTestId("regenerate").click();
  await expect.poll(async () => (await chat.upstreamRequests(tag)).length).toBe(2);
  await chat.expectAnswered();
  await expect(chat.assistantMessages).toHaveCount(1);
  await expect(chat.userMessages).toHaveCount(1);
  // The regenerated request is the same conversation: one user turn, no earlier answer.
  const [, second] = await chat.upstreamRequests(tag);
  expect(second?.body?.messages?.map((m) => m.role)).toEqual(["user"]);
});

test("Edit and resend replaces the turn and everything after it", async ({ page }) => {
  const chat = new ChatPage(page);
  const before = uniqueTag();
  const after = uniqueTag();
  await chat.goto();
  await chat.ask(`first draft ${before}`);
  await chat.expectAnswered();
  await chat.ask(`follow-up ${before}`);
  await chat.expectAnswered();
  await expect(chat.userMessages).toHaveCount(2);

  const firstTurn = chat.userMessages.first();
  await firstTurn.hover();
  await firstTurn.getByTestId("edit").click();
  const editor = page.getByTestId("message-editor");
  await editor.getByTestId("edit-cancel").click();
  await expect(editor).toBeHidden();
  await firstTurn.getByTestId("edit").click();
  await editor.getByTestId("edit-input").fill(`second draft ${after}`);
  await editor.getByTestId("edit-save").click();

  await expect(chat.userMessages).toHaveCount(1);
  await expect(chat.userMessages.first()).toContainText(`second draft ${after}`);
  await chat.expectAnswered();
  const [request] = await chat.upstreamRequests(after);
  expect(request?.body?.messages).toHaveLength(1);
});

test("Enter sends, Shift+Enter breaks the line, Enter while composing (IME) does not send", async ({
  page,
}) => {
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.input.fill("第一行");
  await chat.input.press("Shift+Enter");
  await chat.input.pressSequentially("second line");
  await expect(chat.input).toHaveValue("第一行\nsecond line");

  // An input method confirming a candidate sends Enter with isComposing set.
  await chat.input.evaluate((el) =>
    el.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", isComposing: true, bubbles: true })),
  );
  await expect(chat.userMessages).toHaveCount(0);
  await expect(chat.input).toHaveValue("第一行\nsecond line");

  await chat.input.press("Enter");
  await expect(chat.userMessages).toHaveCount(1);
  await expect(chat.userMessages.first().getByTestId("user-text")).toHaveText("第一行\nsecond line");
  await expect(chat.input).toHaveValue("");
  await chat.expectAnswered();
});
