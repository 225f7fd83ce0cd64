import { type Browser, chromium } from "@playwright/test";
import { Agent } from "undici";
import { chromiumPath } from "../lib/testing/chromium-path.mjs";
import { type PageServer, startPageServer } from "./page-server";
import type { ClientMode } from "./plan";
import { streamOnce } from "./sse-client";
import { ratio } from "./stats";
import { mainThreadFigures, type TraceEvent } from "./trace-tasks";
import { requestBody } from "./wires";

// Part 3: the same 5,000-chunk markdown answer, from the same built app, streamed into our chat
// page, the naive React page and a raw text node. Main-thread time and the longest task come from
// a Chromium trace of the whole stream; frames over 50 ms from requestAnimationFrame gaps.

export type ClientPage = "ours" | "naive" | "raw";

export interface RenderFigures {
  mainThreadMs: number;
  longestTaskMs: number;
  tasksOver50Ms: number;
  framesOver50Ms: number;
  frames: number;
  wallMs: number;
}

export interface ClientModeResults {
  mode: ClientMode;
  pages: Record<ClientPage, RenderFigures>;
  /** ours against the limit and the naive way. */
  mainThreadVsRaw: number | null;
  mainThreadVsNaive: number | null;
}

export interface ClientResults {
  chunks: number;
  modes: ClientModeResults[];
}

export function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  return chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    // Root needs --no-sandbox; this machine refuses Chromium's background connections.
    args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export async function runClientRender(
  browser: Browser,
  appUrl: string,
  chunks: number,
  modes: ClientMode[],
  log: (line: string) => void,
): Promise<ClientResults> {
  await warmUp(appUrl, chunks);
  const pages: PageServer = await startPageServer(appUrl);
  const results: ClientModeResults[] = [];
  try {
    for (const mode of modes) {
      const figures = {} as Record<ClientPage, RenderFigures>;
      for (const which of ["raw", "ours", "naive"] as const) {
        log(`client: ${chunks} chunks (${mode.name}) into ${which}`);
        const base = which === "ours" ? appUrl : pages.url;
        figures[which] = await measurePage(browser, which, base, chunks, mode.delayMs);
        const f = figures[which];
        log(
          `  main thread ${f.mainThreadMs} ms, longest task ${f.longestTaskMs} ms, ${f.framesOver50Ms} frames over 50 ms, ${f.wallMs} ms`,
        );
      }
      results.push({
        mode,
        pages: figures,
        mainThreadVsRaw: ratio(figures.ours.mainThreadMs, figures.raw.mainThreadMs),
        mainThreadVsNaive: ratio(figures.ours.mainThreadMs, figures.naive.mainThreadMs),
      });
    }
  } finally {
    await pages.close();
  }
  return { chunks, modes: results };
}

/** One unmeasured answer through the app, so the first page measured does not meet a cold server. */
async function warmUp(appUrl: string, chunks: number): Promise<void> {
  const dispatcher = new Agent();
  await streamOnce({
    url: `${appUrl}/api/chat`,
    wire: "chat-events",
    body: requestBody(
      "chat-events",
      `warm up [[scenario:{"name":"long","chunks":${chunks}}]]`,
      "deepseek-flash",
    ),
    dispatcher,
    timeoutMs: 60_000,
  });
  await dispatcher.close();
}

const RUN_TIMEOUT_MS = 240_000;

async function measurePage(
  browser: Browser,
  which: ClientPage,
  baseUrl: string,
  chunks: number,
  delayMs: number,
) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  try {
    const prompt = `Write a long report #bench-client-${which}-${Date.now()}# [[scenario:{"name":"long","chunks":${chunks},"delayMs":${delayMs}}]]`;
    if (which === "ours") {
      await page.goto(`${baseUrl}/`);
      await page.locator("[data-ready]").waitFor({ timeout: 30_000 });
    } else {
      await page.goto(`${baseUrl}/${which}`);
      await page.waitForFunction(() => "startBench" in window);
    }
    await page.evaluate(FRAME_RECORDER);
    // Waiting in the page, not with a Playwright locator: a locator polls by querying the page,
    // and on a 5,000-chunk answer each query is itself a 60–90 ms task the page would be blamed for.
    await page.evaluate(
      finishWatcher(
        which === "ours"
          ? '[data-testid="assistant-message"][data-status="done"]'
          : '[data-status="completed"]',
      ),
    );
    const finished = withTimeout(
      page.evaluate("window.__benchFinished"),
      RUN_TIMEOUT_MS,
      `the ${which} page`,
    );
    await browser.startTracing(page, { categories: ["toplevel"] });
    const started = Date.now();
    if (which === "ours") {
      await page.getByTestId("composer-input").fill(prompt);
      await page.getByTestId("composer-input").press("Enter");
    } else {
      await page.evaluate(
        (p) => (window as unknown as { startBench(p: string): void }).startBench(p),
        prompt,
      );
    }
    await finished;
    const wallMs = Date.now() - started;
    const trace = JSON.parse((await browser.stopTracing()).toString("utf8")) as { traceEvents: TraceEvent[] };
    const frames = await page.evaluate(() => (window as unknown as { stopFrames(): number[] }).stopFrames());
    const main = mainThreadFigures(trace.traceEvents);
    if (main.tasks === 0) throw new Error(`no main-thread tasks in the ${which} page's trace`);
    return {
      mainThreadMs: main.totalMs,
      longestTaskMs: main.longestTaskMs,
      tasksOver50Ms: main.tasksOver50Ms,
      framesOver50Ms: frames.filter((gap) => gap > 50).length,
      frames: frames.length,
      wallMs,
    } satisfies RenderFigures;
  } finally {
    await context.close();
  }
}

/**
 * A page script that sets window.__benchFinished to a promise settling when `selector` matches:
 * a MutationObserver's check once per batch of DOM changes, which costs the page next to nothing.
 */
function finishWatcher(selector: string): string {
  return `(() => {
  const selector = ${JSON.stringify(selector)};
  window.__benchFinished = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (document.querySelector(selector)) {
        observer.disconnect();
        resolve(true);
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-status"] });
  });
})()`;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// Gaps between animation frames until stopFrames(). A string, not a function: tsx would wrap named
// inner functions in a helper the page does not have.
const FRAME_RECORDER = `(() => {
  const gaps = [];
  let last = performance.now();
  let running = true;
  const tick = (now) => {
    gaps.push(now - last);
    last = now;
    if (running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  window.stopFrames = () => {
    running = false;
    return gaps;
  };
})()`;
