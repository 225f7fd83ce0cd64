import type { Browser, Page } from "@playwright/test";
import { PACED_DELAY_MS } from "./plan";
import { round, type Summary, summarize } from "./stats";
import { LAST_ANSWER_MARK, LONG_CONVERSATION_ID } from "./storage-fill";
import { mainThreadFigures, type TraceEvent } from "./trace-tasks";

// The history's pages in Chromium (targets in bench/targets.ts): opening a 300-turn conversation
// from the sidebar until its last message is painted, in a fresh context (nothing cached in
// IndexedDB: the server's tree, all of it), and typing into the composer of that conversation while
// an answer streams in.

export interface HistoryPageFigures {
  turns: number;
  markdownKiB: number;
  /** Click on the sidebar's entry → the frame after the last answer is in view, per fresh context. */
  openMs: Summary;
  openRunsMs: number[];
  typing: {
    keys: number;
    answerChunks: number;
    longestTaskMs: number;
    tasksOver50Ms: number;
    tasks: number;
    /** GETs of the open conversation's tree while typing: what the page did besides the stream. */
    treeReloads: number;
    /** How long the keys took to type: a busy page makes each one wait. */
    typingMs: number;
    /** The answer was still streaming when the last key was typed (else it ended first). */
    streamedThroughout: boolean;
  };
}

const VIEWPORT = { width: 1280, height: 800 };

/**
 * Notes the click's time (the input event's own stamp) and resolves window.__benchOpened with the
 * ms from it to the animation frame after the one in which the last answer's mark came into view:
 * that frame's paint is done by then. One check per frame, so the watching costs the page little.
 * A string, not a function: tsx would wrap inner functions in a helper the page does not have.
 */
const OPEN_WATCHER = `(() => {
  const mark = ${JSON.stringify(LAST_ANSWER_MARK)};
  let clickedAt;
  addEventListener("click", (event) => { clickedAt ??= event.timeStamp; }, { capture: true });
  window.__benchOpened = new Promise((resolve) => {
    const inView = () => {
      const answers = document.querySelectorAll('[data-testid="assistant-message"]');
      const last = answers[answers.length - 1];
      if (!last || !last.textContent.includes(mark)) return false;
      const box = last.getBoundingClientRect();
      return box.bottom > 0 && box.top < innerHeight;
    };
    const tick = () => {
      if (clickedAt !== undefined && inView()) requestAnimationFrame((painted) => resolve(painted - clickedAt));
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
})()`;

async function openReady(browser: Browser, appUrl: string): Promise<{ page: Page; close(): Promise<void> }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.goto(`${appUrl}/`);
  await page.locator("[data-ready]").waitFor({ timeout: 30_000 });
  await page
    .getByTestId("conversation-item")
    .filter({ hasText: "Long conversation" })
    .waitFor({ timeout: 30_000 });
  return { page, close: () => context.close() };
}

export async function measureOpen(browser: Browser, appUrl: string, timeoutMs = 30_000): Promise<number> {
  const { page, close } = await openReady(browser, appUrl);
  try {
    await page.evaluate(OPEN_WATCHER);
    await page
      .getByTestId("conversation-item")
      .filter({ hasText: "Long conversation" })
      .getByRole("button")
      .first()
      .click();
    const opened = (await page.evaluate(
      `Promise.race([window.__benchOpened, new Promise((_, reject) => setTimeout(() => reject(new Error("the last answer was not painted within ${timeoutMs} ms")), ${timeoutMs}))])`,
    )) as number;
    return round(opened, 1);
  } finally {
    await close();
  }
}

/** Opens the long conversation, asks a question, and types while the answer streams. */
export async function measureTyping(
  browser: Browser,
  appUrl: string,
  keys: number,
  answerChunks: number,
): Promise<HistoryPageFigures["typing"]> {
  const { page, close } = await openReady(browser, appUrl);
  try {
    await page
      .getByTestId("conversation-item")
      .filter({ hasText: "Long conversation" })
      .getByRole("button")
      .first()
      .click();
    await page.getByText(LAST_ANSWER_MARK).waitFor({ timeout: 30_000 });
    const input = page.getByTestId("composer-input");
    await input.fill(
      `A new question [[scenario:{"name":"long","chunks":${answerChunks},"delayMs":${PACED_DELAY_MS}}]]`,
    );
    await input.press("Enter");
    await page
      .locator('[data-testid="assistant-message"][data-status="streaming"]')
      .waitFor({ timeout: 30_000 });
    await input.focus();
    let treeReloads = 0;
    page.on("request", (request) => {
      if (request.method() === "GET" && request.url().includes(`/api/conversations/${LONG_CONVERSATION_ID}`))
        treeReloads++;
    });
    await browser.startTracing(page, { categories: ["toplevel"] });
    // 50 ms apart, a quick typist; all of it while the answer streams.
    const typingStarted = performance.now();
    await page.keyboard.type("typing while the answer streams in ".repeat(4).slice(0, keys), { delay: 50 });
    const typingMs = performance.now() - typingStarted;
    const trace = JSON.parse((await browser.stopTracing()).toString("utf8")) as { traceEvents: TraceEvent[] };
    const reloadsWhileTyping = treeReloads;
    const stillStreaming = await page
      .locator('[data-testid="assistant-message"][data-status="streaming"]')
      .count();
    const main = mainThreadFigures(trace.traceEvents);
    if (main.tasks === 0) throw new Error("no main-thread tasks in the typing trace");
    return {
      keys,
      answerChunks,
      longestTaskMs: main.longestTaskMs,
      tasksOver50Ms: main.tasksOver50Ms,
      tasks: main.tasks,
      treeReloads: reloadsWhileTyping,
      typingMs: Math.round(typingMs),
      streamedThroughout: stillStreaming > 0,
    };
  } finally {
    await close();
  }
}

export function openFigures(runs: number[]): Pick<HistoryPageFigures, "openMs" | "openRunsMs"> {
  return { openMs: summarize(runs), openRunsMs: runs };
}
