import { expect, type Page, test } from "@playwright/test";
import { uniqueTag } from "./pages/chat-page";
import { HistoryPage } from "./pages/history-page";
import { importLongConversation } from "./support/long-conversation";

// A long conversation opens at its end with its last 24 messages mounted (message-window.ts);
// scrolling up mounts the earlier ones a step at a time, and what the reader was looking at stays
// where it was.

const TURNS = 40;

const importLong = (page: Page, tag: string) => importLongConversation(page, tag, { turns: TURNS });

test("a long conversation opens at its end, and scrolling up brings the earlier turns in place", async ({
  page,
}) => {
  const tag = uniqueTag();
  const id = await importLong(page, tag);
  const chat = new HistoryPage(page);
  await chat.open(id);

  // The end is in view; only the last 12 turns are mounted.
  await expect(chat.lastAnswer()).toContainText(`answer ${TURNS - 1}`);
  await expect(chat.lastAnswer()).toBeInViewport();
  await expect(chat.userMessages).toHaveCount(12);
  await expect(chat.userMessages.first()).toHaveText(`Question ${TURNS - 12} ${tag}`);
  const earlier = page.getByTestId("show-earlier");
  await expect(earlier).toHaveText(`Show ${TURNS * 2 - 24} earlier messages`);

  // The reader scrolls up to the top of what is mounted: the next step mounts above it, and the
  // question that was there does not move.
  const conversation = page.getByRole("region", { name: "Conversation" });
  const firstShown = chat.userMessages.filter({ hasText: `Question ${TURNS - 12} ` });
  await conversation.evaluate((element) => {
    element.scrollTop = 0;
  });
  await expect(chat.userMessages).toHaveCount(24);
  await expect(earlier).toHaveText(`Show ${TURNS * 2 - 48} earlier messages`);
  await expect(firstShown).toBeInViewport();
  const top = await conversation.evaluate((element) => element.getBoundingClientRect().top);
  const box = await firstShown.boundingBox();
  // The button that sat above it is 20-odd px: the question stays within a line of the top.
  expect((box?.y ?? Number.NaN) - top).toBeLessThan(150);

  // The wheel, as a reader turns it, all the way up: every turn is there, and the button is gone.
  await conversation.hover();
  for (let i = 0; i < 40 && (await chat.userMessages.count()) < TURNS; i++) await page.mouse.wheel(0, -4_000);
  await expect(chat.userMessages).toHaveCount(TURNS);
  await expect(chat.userMessages.first()).toHaveText(`Question 0 ${tag}`);
  await expect(earlier).toHaveCount(0);
});

test("the show-earlier button mounts the previous step from the keyboard, and a new turn keeps the window", async ({
  page,
}) => {
  const tag = uniqueTag();
  const id = await importLong(page, tag);
  const chat = new HistoryPage(page);
  await chat.open(id);
  await expect(chat.userMessages).toHaveCount(12);

  // Focused without scrolling (a scroll to the top would mount a step by itself), then Enter.
  const earlier = page.getByTestId("show-earlier");
  await earlier.evaluate((button) => button.focus({ preventScroll: true }));
  await page.keyboard.press("Enter");
  await expect(chat.userMessages).toHaveCount(24);
  await expect(earlier).toHaveText(`Show ${TURNS * 2 - 48} earlier messages`);
  await expect(earlier).toBeFocused();

  await chat.ask(`one more ${tag}`);
  await chat.expectAnswered();
  await expect(chat.userMessages).toHaveCount(25);
  await expect(chat.userMessages.last()).toHaveText(`one more ${tag}`);
  await expect(chat.lastAnswer()).toBeInViewport();
});
