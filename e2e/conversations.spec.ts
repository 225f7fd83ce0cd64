import { expect, test } from "@playwright/test";
import { ChatPage, uniqueTag } from "./pages/chat-page";

// Conversations survive a reload and can be switched, renamed, deleted. The suite's app keeps them
// on the server for its one owner, shared by every test: each test counts only its own.

test("the conversation survives a reload", async ({ page }) => {
  const chat = new ChatPage(page);
  const tag = uniqueTag();
  await chat.goto();
  await chat.ask(`remember me ${tag}`);
  await chat.expectAnswered();
  await expect(page.getByTestId("conversation-title")).toHaveText(`remember me ${tag}`);

  await chat.reload();
  await expect(chat.userMessages).toHaveCount(1);
  await expect(chat.userMessages.first()).toContainText(tag);
  await expect(chat.lastAnswer()).toHaveAttribute("data-status", "done");
  await expect(chat.lastAnswer().getByTestId("stats")).toBeVisible();
  await expect(chat.conversations.filter({ hasText: tag })).toHaveCount(1);
  await expect(chat.conversations.filter({ hasText: tag })).toHaveAttribute("data-current", "true");
});

test("new chat, switch, rename and delete", async ({ page }) => {
  const chat = new ChatPage(page);
  const one = uniqueTag();
  const two = uniqueTag();
  await chat.goto();
  await chat.ask(`first chat ${one}`);
  await chat.expectAnswered();

  await page.getByTestId("new-chat").click();
  await expect(page.getByTestId("empty-state")).toBeVisible();
  await chat.ask(`second chat ${two}`);
  await chat.expectAnswered();
  const mine = chat.conversations.filter({ hasText: new RegExp(`${one}|${two}`) });
  await expect(mine).toHaveCount(2);
  await expect(mine.first()).toContainText(two); // newest first

  await chat.conversations
    .filter({ hasText: one })
    .getByRole("button", { name: `first chat ${one}` })
    .click();
  await expect(chat.userMessages.first()).toContainText(one);
  await expect(chat.userMessages).toHaveCount(1);

  const first = chat.conversations.filter({ hasText: one });
  await first.hover();
  await first.getByTestId("rename").click();
  const input = page.getByTestId("rename-input");
  await input.fill(`Renamed ${one}`);
  await input.press("Enter");
  await expect(chat.conversations.filter({ hasText: `Renamed ${one}` })).toHaveCount(1);
  await expect(page.getByTestId("conversation-title")).toHaveText(`Renamed ${one}`);

  await chat.reload();
  await expect(page.getByTestId("conversation-title")).toHaveText(`Renamed ${one}`);
  const renamed = chat.conversations.filter({ hasText: `Renamed ${one}` });
  await renamed.hover();
  await renamed.getByTestId("delete").click();
  await renamed.getByTestId("confirm-delete").click();
  await expect(mine).toHaveCount(1);
  await expect(page.getByTestId("empty-state")).toBeVisible();

  await chat.reload();
  await expect(mine).toHaveCount(1);
  await expect(mine.first()).toContainText(two);
});
