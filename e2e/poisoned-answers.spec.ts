import { expect, type Locator, test } from "@playwright/test";
import { pollUntil } from "../lib/testing/poll-until";
import { ChatPage, textScenario, uniqueTag } from "./pages/chat-page";

// An answer is text someone else may have written: a prompt injection in a tool result can make
// the model repeat anything. Whatever it is, it must not take the page down (now or on every
// reload, since the conversation is restored from IndexedDB), nor make the browser call the app's
// own API with the reader's cookie.

const DEPTH = 3000;

// Before the depth scan, the quotes, lists and emphases made the page throw "Maximum call stack
// size exceeded" (or crashed the tab), and the nested images and spaced emphases froze it for
// seconds; plain brackets cost a few hundred ms, and are the shape the images build on.
const deepAnswers: { name: string; text: string; visible: string }[] = [
  { name: "3,000 nested blockquotes", text: `${">".repeat(DEPTH)} quoted deep`, visible: "quoted deep" },
  { name: "3,000 nested lists", text: `${"- ".repeat(DEPTH)}listed deep`, visible: "listed deep" },
  {
    name: "3,000 nested quotes and ordered lists",
    text: `${"> 1. ".repeat(DEPTH / 2)}mixed deep`,
    visible: "mixed deep",
  },
  {
    name: "3,000 nested brackets",
    text: `${"[".repeat(DEPTH)}bracketed deep${"]".repeat(DEPTH)}`,
    visible: "bracketed deep",
  },
  {
    name: "a link in 3,000 brackets",
    text: `${"[".repeat(DEPTH)}[linked deep](https://example.com/)${"]".repeat(DEPTH)}`,
    visible: "linked deep",
  },
  {
    name: "3,000 nested images",
    text: `${"![".repeat(DEPTH)}x${"](data:,)".repeat(DEPTH)} imaged deep`,
    visible: "imaged deep",
  },
  {
    name: "8,000 nested emphasis marks",
    text: `${"*".repeat(8000)}stressed deep${"*".repeat(8000)}`,
    visible: "stressed deep",
  },
  {
    name: "3,000 emphases nested a word apart",
    text: `${"*a ".repeat(DEPTH)}spaced deep${" b*".repeat(DEPTH)}`,
    visible: "spaced deep",
  },
];

// A page that blocks for a second at a time is not usable, even if it comes back.
const LONGEST_TASK_MS = 1_000;

/**
 * What the reader has in front of them: the first page error if there was one, "no app" when the
 * chat is gone (Next's error page), else the last answer's status. A test polls it, so a crash
 * fails at once and says what happened, instead of timing out on a missing element.
 */
async function state(chat: ChatPage, errors: string[]): Promise<string | null> {
  if (errors[0]) return `pageerror: ${errors[0]}`;
  if ((await chat.page.locator("[data-ready]").count()) === 0) {
    const heading = await chat.page
      .locator("h1, h2")
      .first()
      .textContent({ timeout: 500 })
      .catch(() => null);
    return `no app: ${heading}`;
  }
  return chat
    .lastAnswer()
    .getAttribute("data-status", { timeout: 500 })
    .catch(() => null);
}

/** The last answer finished and `text` shows in `where`, with no crash on the way. */
async function expectShown(chat: ChatPage, errors: string[], where: Locator, text: string): Promise<void> {
  await expect.poll(() => state(chat, errors), { timeout: 20_000 }).toBe("done");
  await expect
    .poll(async () => {
      const now = await state(chat, errors);
      return now === "done" ? where.textContent({ timeout: 500 }).catch(() => null) : now;
    })
    .toContain(text);
}

/** The app still works: a new question gets its answer. */
async function expectComposerWorks(chat: ChatPage, errors: string[]): Promise<void> {
  const before = await chat.assistantMessages.count();
  const reply = `still here ${uniqueTag()}`;
  await chat.ask(`are you? ${textScenario(reply)}`);
  await expect(chat.assistantMessages).toHaveCount(before + 1);
  await expectShown(chat, errors, chat.lastAnswer(), reply);
}

for (const { name, text, visible } of deepAnswers) {
  test(`an answer of ${name} renders, and again after a reload`, async ({ page }) => {
    test.setTimeout(60_000);
    const chat = new ChatPage(page);
    const errors = chat.trackPageErrors();
    await chat.goto();
    await chat.recordLongTasks();
    await chat.ask(`poison ${uniqueTag()} ${textScenario(text)}`);
    const poisoned = chat.assistantMessages.first();
    await expectShown(chat, errors, poisoned, visible);
    expect(Math.max(0, ...(await chat.longTasks()))).toBeLessThan(LONGEST_TASK_MS);
    await expectComposerWorks(chat, errors);

    // The conversation comes back from IndexedDB and renders again.
    await page.reload();
    await expectShown(chat, errors, poisoned, visible);
    await expect(chat.assistantMessages).toHaveCount(2);
    await expectComposerWorks(chat, errors);
    expect(errors).toEqual([]);
  });
}

test("images and links to the app's own API in an answer make no request", async ({ page, context }) => {
  test.setTimeout(60_000);
  const chat = new ChatPage(page);
  const errors = chat.trackPageErrors();
  await chat.goto();
  const origin = new URL(page.url()).origin;
  const host = new URL(origin).host;
  // One tag per way in, so a failure says which one got through.
  const tags = {
    image: uniqueTag(),
    absoluteImage: uniqueTag(),
    protocolRelativeImage: uniqueTag(),
    encodedImage: uniqueTag(),
    referenceImage: uniqueTag(),
    link: uniqueTag(),
    absoluteLink: uniqueTag(),
    encodedLink: uniqueTag(),
    autolink: uniqueTag(),
    mathLink: uniqueTag(),
  };
  const autolink = `${origin}/api/chat?prompt=${tags.autolink}`;
  const answerText = [
    `![pic-relative](/api/chat?prompt=${tags.image})`,
    `![pic-absolute](${origin}/api/chat?prompt=${tags.absoluteImage})`,
    `![pic-protocol-relative](//${host}/api/chat?prompt=${tags.protocolRelativeImage})`,
    `![pic-encoded](/%61pi/chat?prompt=${tags.encodedImage})`,
    // A definition applies within its block only (blocks end at blank lines), and cannot
    // interrupt a paragraph: it comes first.
    `[gadget]: /api/chat?prompt=${tags.referenceImage}\n![pic-reference][gadget]`,
    `[link-relative](/api/chat?prompt=${tags.link}) and [link-absolute](${origin}/api/chat?prompt=${tags.absoluteLink})`,
    `[link-encoded](/%61pi/chat?prompt=${tags.encodedLink}) and ${autolink}`,
    `Math: $\\href{/api/chat?prompt=${tags.mathLink}}{math-link}$`,
  ].join("\n\n");
  // What the browser itself asks for, in this tab or any it opens.
  const sent: string[] = [];
  const everyTag = Object.values(tags);
  context.on("request", (request) => {
    if (everyTag.some((tag) => request.url().includes(tag))) sent.push(request.url());
  });

  const promptTag = uniqueTag();
  await chat.ask(`poison ${promptTag} ${textScenario(answerText, everyTag)}`);
  const answer = chat.lastAnswer();
  await expectShown(chat, errors, answer, "link-relative");
  for (const label of ["link-relative", "link-absolute", "link-encoded", autolink]) {
    await answer.getByText(label, { exact: true }).click();
  }

  // The control: the prompt did reach the upstream, so the filter below can see requests.
  expect(await chat.upstreamRequests(promptTag)).toHaveLength(1);
  // A model run started by the answer reaches the upstream well within a second.
  const deadline = Date.now() + 1_500;
  await pollUntil(
    () => chat.upstreamRequests(everyTag),
    (found) => found.length > 0,
    deadline,
  );
  const reached: string[] = [];
  for (const [way, tag] of Object.entries(tags)) {
    if ((await chat.upstreamRequests(tag)).length > 0) reached.push(way);
  }
  expect.soft(reached, "model runs the answer started").toEqual([]);
  expect.soft(sent, "requests the answer made the browser send").toEqual([]);

  // Inert, but not lost: the reader still sees what the model wrote.
  for (const alt of [
    "pic-relative",
    "pic-absolute",
    "pic-protocol-relative",
    "pic-encoded",
    "pic-reference",
  ]) {
    await expect.soft(answer.getByText(alt, { exact: true })).toBeVisible();
  }
  await expect.soft(answer.locator("img")).toHaveCount(0);
  await expect.soft(answer.locator("a[href]")).toHaveCount(0);
  expect(errors).toEqual([]);
});
