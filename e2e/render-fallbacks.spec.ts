import { expect, type Page, test } from "@playwright/test";
import { ChatPage, textScenario, uniqueTag } from "./pages/chat-page";

// What no depth check foresees must still not take the page down: an answer's markdown blocks and
// each whole message fall back to their text when rendering them throws. The faults are made on
// purpose here, since every known one is stopped before it renders (poisoned-answers.spec.ts).

const POISON = "&poisoned;";

/**
 * Makes the markdown parser throw on one block while `window.__parserBroken` is set: micromark
 * checks a named character reference by giving it to an element's innerHTML
 * (decode-named-character-reference), and nothing else in the page sets innerHTML to this string.
 * It stands in for any parser bug a block could hit.
 */
async function breakParserOn(page: Page, reference: string): Promise<void> {
  await page.addInitScript((poison) => {
    const w = window as unknown as { __parserBroken: boolean };
    w.__parserBroken = true;
    const innerHTML = Object.getOwnPropertyDescriptor(Element.prototype, "innerHTML");
    Object.defineProperty(Element.prototype, "innerHTML", {
      ...innerHTML,
      set(this: Element, value: string) {
        if (w.__parserBroken && value === poison) throw new Error("a parser fault, made by the test");
        innerHTML?.set?.call(this, value);
      },
    });
  }, reference);
}

test("a block that fails to render shows as its text; the blocks around it stay formatted", async ({
  page,
}) => {
  await breakParserOn(page, POISON);
  const chat = new ChatPage(page);
  const errors = chat.trackPageErrors();
  await chat.goto();
  const broken = `The broken block ${POISON} is still readable.`;
  const answer = [`Before it, **kept bold**.`, broken, `After it, *kept italic*.`].join("\n\n");
  await chat.ask(`break one block ${uniqueTag()} ${textScenario(answer)}`);
  await chat.expectAnswered();

  for (const pass of ["rendered", "reloaded"]) {
    const message = chat.lastAnswer();
    const fallback = message.getByTestId("plain-text-fallback");
    await expect(fallback, pass).toHaveCount(1);
    await expect(fallback, pass).toContainText(broken);
    await expect(fallback.getByRole("note"), pass).toHaveText(/plain text/);
    await expect(message.locator("strong"), pass).toHaveText("kept bold");
    await expect(message.locator("em"), pass).toHaveText("kept italic");
    await expect(message.getByTestId("stats"), pass).toBeVisible(); // the message itself stands
    if (pass === "rendered") await chat.reload();
  }
  expect(errors).toEqual([]);
});

test("a streaming block that failed renders formatted once more text arrives", async ({ page }) => {
  await breakParserOn(page, POISON);
  const chat = new ChatPage(page);
  await chat.goto();
  // One block (no blank line), long enough to keep streaming for seconds after the poison.
  const block = `Start **bold** ${POISON} ${"then more words ".repeat(60)}end.`;
  await chat.ask(
    `stream it ${uniqueTag()} [[scenario:${JSON.stringify({ name: "slow", reasoning: "ok", text: block, delayMs: 25 })}]]`,
  );
  const message = chat.lastAnswer();
  const fallback = message.getByTestId("plain-text-fallback");
  await expect(fallback).toBeVisible();
  await expect(message).toHaveAttribute("data-status", "streaming");

  // The fault is gone; the block's next chunk gives its boundary new text, and it tries again.
  await page.evaluate(() => {
    (window as unknown as { __parserBroken: boolean }).__parserBroken = false;
  });
  await expect(fallback).toHaveCount(0);
  await expect(message.locator("strong")).toHaveText("bold");
  await chat.expectAnswered(message);
});

test("a stored message that cannot render shows as its text, and the chat goes on", async ({ page }) => {
  const chat = new ChatPage(page);
  const errors = chat.trackPageErrors();
  await chat.goto();
  const text = `An answer stored by another version ${uniqueTag()}`;
  await chat.ask(`store this ${uniqueTag()} ${textScenario(text)}`);
  await chat.expectAnswered();

  // History written by another version, or damaged: the answer's stats, as the server sends
  // them, are in a shape this version cannot read. (Stats are never sent back, so the next request
  // is not affected.)
  await page.route(/\/api\/conversations\/[^/?]+$/, async (route) => {
    if (route.request().method() !== "GET") return route.continue();
    const response = await route.fetch();
    const tree = (await response.json()) as { messages: { stats?: unknown }[] };
    for (const message of tree.messages) {
      if (message.stats) message.stats = { usage: "in a newer shape" };
    }
    await route.fulfill({ response, json: tree });
  });

  await chat.reload();
  const restored = chat.assistantMessages.first();
  await expect(restored.getByTestId("plain-text-fallback")).toContainText(text);
  await expect(restored.getByRole("note")).toHaveText(/plain text/);
  await expect(chat.userMessages).toHaveCount(1);

  const reply = `still here ${uniqueTag()}`;
  await chat.ask(`and now ${textScenario(reply)}`);
  await expect(chat.assistantMessages).toHaveCount(2);
  await chat.expectAnswered();
  await expect(chat.lastAnswer()).toContainText(reply);
  expect(errors).toEqual([]);
});
